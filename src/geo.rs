//! Great-circle distance, as MODEL.md fixes it (haversine, R = 6371.0 km).

/// Earth radius of MODEL.md; other implementations use the same figure so results agree.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Straight-line distance in km between two (lat, lon) points in degrees.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = lon2 - lon1;
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_km((36.0, 101.0), (37.0, 101.0));
        assert!((d - 111.19).abs() < 0.01, "{d}");
    }

    #[test]
    fn distance_is_symmetric_and_zero_at_a_point() {
        let a = (36.617, 101.778);
        let b = (36.50, 101.57);
        assert_eq!(haversine_km(a, a), 0.0);
        assert!((haversine_km(a, b) - haversine_km(b, a)).abs() < 1e-9);
    }
}
