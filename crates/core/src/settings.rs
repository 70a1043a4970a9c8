//! User preferences kept in the store (so that `IDESK_DATA_DIR` holds everything that matters).

use crate::error::CoreResult;
use crate::language::Language;
use crate::store::Store;
use rusqlite::OptionalExtension;

const LANGUAGE_KEY: &str = "language";

impl Store {
    /// The language the user chose, if any.
    pub fn chosen_language(&self) -> CoreResult<Option<Language>> {
        let value: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [LANGUAGE_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.map_err(e))?;
        // A value this build does not know (written by a later one) falls back to the OS default.
        Ok(value.and_then(|v| v.parse().ok()))
    }

    /// The chosen language, or the OS locale's when none was chosen.
    pub fn language(&self) -> CoreResult<Language> {
        Ok(self.chosen_language()?.unwrap_or_else(Language::from_os))
    }

    pub fn set_language(&self, language: Language) -> CoreResult<()> {
        self.conn()
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [LANGUAGE_KEY, language.code()],
            )
            .map_err(|e| self.map_err(e))?;
        Ok(())
    }
}
