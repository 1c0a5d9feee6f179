//! Byte offsets to Unicode code point offsets, for output.
//!
//! Internally every span is a byte range (cheap slicing); the output contract
//! gives code point offsets (Python slicing). Rather than a table the size of
//! the text, we keep one entry per multi-byte character: the conversion is a
//! binary search, and ASCII text costs nothing.

/// Converts byte offsets of one text into code point offsets.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// For each multi-byte character: (byte offset just after it, extra bytes
    /// seen so far including it).
    marks: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    marks.push((i + n, extra));
                }
            }
        }
        CharOffsets { marks }
    }

    /// The code point offset of byte offset `b` (which must be a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        let k = self.marks.partition_point(|&(end, _)| end <= b);
        if k == 0 {
            b
        } else {
            b - self.marks[k - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let c = CharOffsets::new("hello");
        assert_eq!(c.char_of(0), 0);
        assert_eq!(c.char_of(5), 5);
    }

    #[test]
    fn multibyte() {
        let t = "a“b”c€d";
        let c = CharOffsets::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(c.char_of(bi), ci);
        }
        assert_eq!(c.char_of(t.len()), t.chars().count());
    }
}
