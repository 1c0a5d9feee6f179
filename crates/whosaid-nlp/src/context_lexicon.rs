//! The word lists of a statement's context (`lexicon/time_words.tsv`,
//! `lexicon/channel_words.tsv`), compiled in. Lenient like the other lexicons:
//! a malformed line is skipped and reported in `problems`.

use crate::lexicon::{rows, ShapeSet};
use rustc_hash::FxHashMap as HashMap;
use whosaid_core::Channel;

const TIME_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/time_words.tsv"
));
const CHANNEL_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/channel_words.tsv"
));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeWord {
    /// 0 = Monday ... 6 = Sunday.
    Weekday(i64),
    Month(u32),
    /// Days from publication: 0 today, -1 yesterday.
    Day(i64),
    Part,
    Season,
    Vague,
    Modifier,
}

/// How a channel word shows the channel (see `lexicon/channel_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelRole {
    Noun,
    Verb,
    Outlet,
    Network,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelPhrase {
    /// The words after the first one.
    pub rest: Vec<String>,
    pub channel: Channel,
    pub role: ChannelRole,
}

#[derive(Debug, Default)]
pub struct ContextLexicon {
    time_words: HashMap<String, TimeWord>,
    /// First word -> the phrases starting with it, longest first.
    channels: HashMap<String, Vec<ChannelPhrase>>,
    /// The shapes of the words that may open a time expression (time words,
    /// "on", "in", "last", number words): most words of a frame are none, and
    /// this says so without hashing them.
    time_openers: ShapeSet,
    /// The shapes of the first words of the channel phrases.
    channel_firsts: ShapeSet,
    /// Malformed lines: (file, line number, reason).
    pub problems: Vec<(&'static str, usize, String)>,
}

/// Words besides the time words that open a time expression.
const TIME_OPENERS: &[&str] = &[
    "on", "in", "over", "last", "past", "this", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
];

impl ContextLexicon {
    pub fn builtin() -> Self {
        let mut lx = ContextLexicon::default();
        for (n, cols) in rows(TIME_WORDS) {
            let (Some(word), Some(kind)) = (cols.first(), cols.get(1)) else {
                lx.problems
                    .push(("time_words.tsv", n, "needs word and kind".into()));
                continue;
            };
            let num = cols.get(2).and_then(|v| v.parse::<i64>().ok());
            let tw = match (*kind, num) {
                ("weekday", Some(v)) if (0..7).contains(&v) => TimeWord::Weekday(v),
                ("month", Some(v)) if (1..=12).contains(&v) => TimeWord::Month(v as u32),
                ("day", Some(v)) => TimeWord::Day(v),
                ("part", _) => TimeWord::Part,
                ("season", _) => TimeWord::Season,
                ("vague", _) => TimeWord::Vague,
                ("modifier", _) => TimeWord::Modifier,
                _ => {
                    lx.problems
                        .push(("time_words.tsv", n, format!("bad kind or value: {cols:?}")));
                    continue;
                }
            };
            lx.time_words.insert(word.to_string(), tw);
        }
        for (n, cols) in rows(CHANNEL_WORDS) {
            let (Some(phrase), Some(ch), Some(role)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                lx.problems
                    .push(("channel_words.tsv", n, "needs phrase, channel, role".into()));
                continue;
            };
            let Some(channel) = Channel::parse(ch) else {
                lx.problems
                    .push(("channel_words.tsv", n, format!("unknown channel {ch:?}")));
                continue;
            };
            let role = match *role {
                "noun" => ChannelRole::Noun,
                "verb" => ChannelRole::Verb,
                "outlet" => ChannelRole::Outlet,
                "network" => ChannelRole::Network,
                r => {
                    lx.problems
                        .push(("channel_words.tsv", n, format!("unknown role {r:?}")));
                    continue;
                }
            };
            let mut words = phrase.split(' ').map(str::to_string);
            let first = words.next().unwrap_or_default();
            let list = lx.channels.entry(first).or_default();
            list.push(ChannelPhrase {
                rest: words.collect(),
                channel,
                role,
            });
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        let openers: Vec<String> = TIME_OPENERS.iter().map(|w| w.to_string()).collect();
        lx.time_openers = ShapeSet::of(lx.time_words.keys().chain(openers.iter()));
        lx.channel_firsts = ShapeSet::of(lx.channels.keys());
        lx
    }

    /// May this lower-case word open a time expression? `false` is certain.
    #[inline]
    pub fn may_open_time(&self, lower: &str) -> bool {
        let w = lower.strip_suffix('.').unwrap_or(lower);
        self.time_openers.may_contain(w)
    }

    /// May this lower-case word open a channel phrase? `false` is certain.
    #[inline]
    pub fn may_open_channel(&self, lower: &str) -> bool {
        self.channel_firsts.may_contain(lower)
    }

    /// A lower-case word of time ("wednesday", "sept", "sept."), if it is one.
    pub fn time_word(&self, lower: &str) -> Option<TimeWord> {
        let w = lower.strip_suffix('.').unwrap_or(lower);
        self.time_words.get(w).copied()
    }

    /// The channel phrases that open with this lower-case word.
    pub fn channel_phrases(&self, lower: &str) -> &[ChannelPhrase] {
        self.channels.get(lower).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_are_clean() {
        let lx = ContextLexicon::builtin();
        assert!(lx.problems.is_empty(), "{:?}", lx.problems);
        assert_eq!(lx.time_word("sept."), Some(TimeWord::Month(9)));
        assert_eq!(lx.time_word("wednesday"), Some(TimeWord::Weekday(2)));
        let p = lx.channel_phrases("news");
        assert!(p
            .iter()
            .any(|p| p.rest == ["conference"] && p.channel == Channel::PressConference));
        assert!(lx.channel_phrases("unicorn").is_empty());
        for w in ["on", "sept.", "yesterday", "eight", "recently"] {
            assert!(lx.may_open_time(w), "{w}");
        }
        assert!(lx.may_open_channel("interview"));
    }
}
