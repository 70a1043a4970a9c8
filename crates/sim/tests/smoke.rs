mod common;
use common::*;
use idesk_sim::Persona;

#[tokio::test]
async fn smoke() {
    let s = sim(1000).await;
    let r = fd(&s, FD, Persona::AccountAdmin, "/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=3&include=stats").await;
    println!("{} {:?}\n{}", r.status, r.headers, r.body);
    let t = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    println!("{t}");
}
