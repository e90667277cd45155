//! File sizes for people: "812 B", "4.2 KB", "13.0 MB".

/// Formats a byte count with binary units and one decimal, using integer
/// arithmetic so the same input always prints the same text.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut unit = 0;
    let mut divisor: u64 = 1024;
    while unit + 1 < UNITS.len() && bytes / divisor >= 1024 {
        unit += 1;
        divisor *= 1024;
    }
    // Round to the nearest tenth; u128 keeps the product from overflowing.
    let tenths = ((u128::from(bytes) * 10 + u128::from(divisor) / 2) / u128::from(divisor)) as u64;
    let name = UNITS.get(unit).copied().unwrap_or("TB");
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KB");
        assert_eq!(human_size(4300), "4.2 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1024.0 KB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(human_size(u64::MAX), "16777216.0 TB");
    }
}
