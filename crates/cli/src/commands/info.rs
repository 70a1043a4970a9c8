//! `idesk info`: where this installation keeps its data, and whether the database opens.

use crate::output::{Failure, Format};
use idesk_core::info::AppInfo;
use idesk_core::paths::AppPaths;
use idesk_core::Store;

pub fn run(format: Format) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let paths = AppPaths::from_env().map_err(fail)?;
    let store = Store::open(&paths).map_err(fail)?;
    idesk_core::logging::init(&paths.log_dir, false).map_err(fail)?;
    let info = AppInfo::collect(&paths, Ok(&store), None);
    let schema = store.schema_version().map_err(fail)?;
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(&info).expect("AppInfo serializes");
            value["schemaVersion"] = schema.into();
            println!("{value}");
        }
        Format::Text => {
            println!("Integration Desk {}", info.version);
            println!("data folder:  {}", info.data_dir);
            println!("log folder:   {}", info.log_dir);
            println!("database:     {} (schema {schema})", info.database);
            println!("language:     {}", info.language.code());
        }
    }
    Ok(())
}
