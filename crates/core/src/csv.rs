//! CSV output shared by `idesk queues --format csv` and the explorer's queue-share export.

/// One CSV cell. Text a spreadsheet would run as a formula (a Freshdesk group can be named
/// `=HYPERLINK(...)`) gets a leading `'` (OWASP, CSV injection); then the usual quoting.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("+49 Hotline"), "'+49 Hotline");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=cmd"), "'\t=cmd");
        assert_eq!(
            cell("=HYPERLINK(\"https://evil.example\",\"Support\")"),
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Support\"\")\""
        );
    }

    #[test]
    fn ordinary_cells_are_kept_and_quoted_only_when_needed() {
        assert_eq!(cell("Support EU"), "Support EU");
        assert_eq!(cell("Sales, DACH"), "\"Sales, DACH\"");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
