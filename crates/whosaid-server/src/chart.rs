//! Charts as inline SVG: bars with their values as text and a title each, so
//! a screen reader and a reader without colour both get the numbers.

use crate::html::esc;
use std::fmt::Write as _;

/// Vertical bars over time (`(label, value)`, oldest first), labelled at the
/// first, middle and last bar.
pub fn timeline(caption: &str, points: &[(String, i64)]) -> String {
    if points.is_empty() {
        return format!(
            "<p class=\"empty\">{}: no dated statements.</p>",
            esc(caption)
        );
    }
    let (h, pad) = (200.0_f64, 24.0_f64);
    let max = points.iter().map(|p| p.1).max().unwrap_or(1).max(1) as f64;
    // a few points get a narrow chart, not slabs; many share 720 units
    let bw = ((720.0 - 2.0 * pad) / points.len() as f64).min(48.0);
    let w = (2.0 * pad + bw * points.len() as f64).max(240.0);
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart\"><svg class=\"chart\" width=\"{w}\" viewBox=\"0 0 {w} {}\" role=\"img\" aria-label=\"{}\">",
        h + 54.0,
        esc(caption)
    );
    for (i, (label, v)) in points.iter().enumerate() {
        let bh = (*v as f64 / max) * (h - pad);
        let x = pad + i as f64 * bw;
        let _ = write!(
            s,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"><title>{}: {v}</title></rect>",
            h - bh,
            (bw - 1.0).max(1.0),
            esc(label)
        );
    }
    let n = points.len();
    let mut ticks = vec![0, n / 2, n - 1];
    ticks.dedup();
    // labels too close for one line take a second
    let crowded = n > 1 && bw * (n as f64 - 1.0) < 110.0;
    for (k, i) in ticks.into_iter().enumerate() {
        let x = pad + i as f64 * bw + bw / 2.0;
        let anchor = if i == 0 && n > 1 {
            "start"
        } else if i == n - 1 && n > 1 {
            "end"
        } else {
            "middle"
        };
        let (x, anchor) = if crowded { (pad, "start") } else { (x, anchor) };
        let y = h + 18.0 + if crowded { 16.0 * k as f64 } else { 0.0 };
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{y}\" text-anchor=\"{anchor}\">{}{}</text>",
            if crowded && k > 0 { "to " } else { "" },
            esc(&points[i].0)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{pad}\" y=\"14\">most: {}</text></svg><figcaption>{}</figcaption></figure>",
        max as i64,
        esc(caption)
    );
    s
}

/// Horizontal bars, one a row, with the value and share written beside.
pub fn bars(caption: &str, rows: &[(String, i64)]) -> String {
    let total: i64 = rows.iter().map(|r| r.1).sum::<i64>().max(1);
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let row_h = 28.0;
    let h = row_h * rows.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart\"><svg class=\"chart bars\" width=\"480\" viewBox=\"0 0 480 {h}\" role=\"img\" aria-label=\"{}\">",
        esc(caption)
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * row_h;
        let bw = (*v as f64 / max) * 200.0;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\">{}</text><rect class=\"bar\" x=\"170\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}: {v}</title></rect>\
<text x=\"{:.1}\" y=\"{:.1}\">{v} ({:.0}%)</text>",
            y + 17.0,
            esc(label),
            bw.max(1.0),
            row_h - 8.0,
            esc(label),
            176.0 + bw,
            y + 17.0,
            *v as f64 * 100.0 / total as f64
        );
    }
    let _ = write!(
        s,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(caption)
    );
    s
}
