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
        // Bytes, not chars: every continuation byte (10xxxxxx) is one extra byte,
        // and the last one of a run ends its character. Eight ASCII bytes at a
        // time are skipped whole (news is mostly ASCII between its curly quotes).
        let b = text.as_bytes();
        let mut extra = 0;
        let mut i = 0;
        while i < b.len() {
            if i + 8 <= b.len() {
                let chunk: [u8; 8] = b[i..i + 8].try_into().expect("eight bytes");
                if u64::from_le_bytes(chunk) & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            if b[i] & 0xC0 == 0x80 {
                extra += 1;
                if b.get(i + 1).is_none_or(|&n| n & 0xC0 != 0x80) {
                    marks.push((i + 1, extra));
                }
            }
            i += 1;
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

    /// Every character boundary of texts mixing ASCII runs of every length
    /// (around the eight-byte skip) with two-, three- and four-byte characters.
    #[test]
    fn multibyte_around_ascii_runs() {
        for run in 0..20 {
            for wide in ["é", "“", "😀", "é“😀"] {
                let t = format!("{}{wide}{}{wide}x", "a".repeat(run), "b".repeat(run / 2));
                let c = CharOffsets::new(&t);
                for (ci, (bi, _)) in t.char_indices().enumerate() {
                    assert_eq!(c.char_of(bi), ci, "{t:?} at byte {bi}");
                }
                assert_eq!(c.char_of(t.len()), t.chars().count(), "{t:?}");
            }
        }
    }
}
