//! The document model shared by every whosaid stage.
//!
//! One [`Document`] flows one way: a source fills `text` and `meta`, analysis
//! adds layers (boilerplate, mentions, entities, quotes, events), later stages
//! read them. Every annotation is a [`Span`] of byte offsets into
//! `Document::text`; code point offsets exist only at the output boundary
//! ([`CharOffsets`]).

mod offsets;

pub use offsets::CharOffsets;

/// A half-open byte range `[start, end)` into a document's text.
/// Both ends always lie on UTF-8 character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The slice of `text` this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Article metadata: from the source (HTML meta tags, feed items) or found in
/// the text (byline, credit lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// When the page was crawled (a WARC record's date), ISO 8601; never a publication date.
    pub crawled: Option<String>,
    /// Where each date came from: (`published`|`modified`|`crawled`, source),
    /// e.g. ("published", "json-ld datePublished"), ("published", "url").
    pub date_source: Vec<(String, String)>,
    /// Credit lines ("CNN's X and Y contributed reporting."), verbatim.
    pub credits: Vec<String>,
    /// Publishers named as the origin of the story by its credit lines.
    pub origin: Vec<String>,
}

/// Why a span of text is not part of the article proper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoilerplateReason {
    SeeAlso,
    Chrome,
    Share,
    Subscribe,
    Advertisement,
    Comments,
    EditorialNote,
    Credit,
    Copyright,
    Byline,
    AuthorBio,
}

impl BoilerplateReason {
    pub const ALL: [BoilerplateReason; 11] = [
        Self::SeeAlso,
        Self::Chrome,
        Self::Share,
        Self::Subscribe,
        Self::Advertisement,
        Self::Comments,
        Self::EditorialNote,
        Self::Credit,
        Self::Copyright,
        Self::Byline,
        Self::AuthorBio,
    ];
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SeeAlso => "see-also",
            Self::Chrome => "chrome",
            Self::Share => "share",
            Self::Subscribe => "subscribe",
            Self::Advertisement => "advertisement",
            Self::Comments => "comments",
            Self::EditorialNote => "editorial-note",
            Self::Credit => "credit",
            Self::Copyright => "copyright",
            Self::Byline => "byline",
            Self::AuthorBio => "author-bio",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boilerplate {
    pub span: Span,
    pub reason: BoilerplateReason,
}

/// What an entity (or a speaker) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Place,
    /// A plural or collective human source: "officials", "US lawmakers".
    Group,
    /// An unnamed single source: "a senior US embassy official", "a source".
    Anonymous,
}

impl EntityType {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Place => "place",
            Self::Group => "group",
            Self::Anonymous => "anonymous",
        }
    }
}

/// How a mention refers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A proper name, possibly with a title: "Secretary-General Jens Stoltenberg".
    Name,
    /// "he", "she", "they", "it".
    Pronoun,
    /// A definite description by role: "the NATO leader", "the ministry".
    Role,
    /// A group or anonymous source: "officials", "a senior US embassy official".
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    pub etype: EntityType,
    /// Index into `Document::entities`, once entities are built.
    pub entity: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Document-local id: "E1", "E2", ...
    pub id: String,
    pub name: String,
    pub etype: EntityType,
    pub gender: Gender,
    /// Knowledge-base id when linked.
    pub kb_id: Option<String>,
    /// Indexes into `Document::mentions`, in text order.
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// The whole statement is inside quotation marks.
    Direct,
    /// Reported speech that quotes some of its words.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Mixed => "mixed",
            Self::Indirect => "indirect",
        }
    }
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerResolution {
    /// The speaker is named next to the cue.
    Named,
    /// A pronoun next to the cue, resolved to an earlier entity.
    Pronoun,
    /// A role noun ("the NATO leader") resolved to the entity holding the role.
    Role,
    /// The name next to the cue is a garbled spelling of an entity's name.
    Fuzzy,
    /// No cue: carried from the adjacent quote of the same speaker.
    Carried,
    /// A group or anonymous source, typed but not an individual.
    Group,
    /// A cue was found but its speaker could not be resolved to an entity.
    Unresolved,
}

impl SpeakerResolution {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Named => "named",
            Self::Pronoun => "pronoun",
            Self::Role => "role",
            Self::Fuzzy => "fuzzy",
            Self::Carried => "carried",
            Self::Group => "group",
            Self::Unresolved => "unresolved",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Index into `Document::entities`.
    pub entity: Option<usize>,
    /// The canonical name (the entity's, else the mention's text).
    pub name: String,
    pub etype: EntityType,
    /// The mention of the speaker next to this quote (or the carried one).
    pub mention: Option<Span>,
    pub resolution: SpeakerResolution,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The whole statement: from its first to its last character.
    pub span: Span,
    pub kind: QuoteKind,
    /// Discontinuous pieces when the attribution splits the statement.
    pub fragments: Vec<Span>,
    /// The spans inside quotation marks (mixed quotes).
    pub quoted: Vec<Span>,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
    pub confidence: f32,
    /// To whom, through what and when the statement was made, as the text gives it.
    pub context: QuoteContext,
}

/// The context of one statement: its addressee, channel and time as the text
/// gives them for this statement, and the best date of the statement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteContext {
    /// The noun phrase the statement is said to: "told *reporters*".
    pub addressee: Option<Addressee>,
    /// How the statement was made: "in *an interview*", "*tweeted*".
    pub channel: Option<ChannelFinding>,
    /// When: "on *Wednesday*", resolved against the publication date.
    pub time: Option<TimeExpr>,
    /// The best date of the statement: `time`'s date, else the publication date
    /// (ISO 8601 prefix: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub said_on: Option<String>,
    /// Where `said_on` came from.
    pub date_basis: Option<DateBasis>,
}

impl QuoteContext {
    pub fn is_empty(&self) -> bool {
        self.addressee.is_none() && self.channel.is_none() && self.time.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Addressee {
    pub span: Span,
    /// Index into `Document::entities` when the phrase names one.
    pub entity: Option<usize>,
}

/// The medium or occasion of a statement (a closed list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Interview,
    Statement,
    Speech,
    Rally,
    Debate,
    PressConference,
    Hearing,
    SocialMedia,
    Letter,
    Email,
    Broadcast,
    CourtFiling,
    Report,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 14] = [
        Self::Interview,
        Self::Statement,
        Self::Speech,
        Self::Rally,
        Self::Debate,
        Self::PressConference,
        Self::Hearing,
        Self::SocialMedia,
        Self::Letter,
        Self::Email,
        Self::Broadcast,
        Self::CourtFiling,
        Self::Report,
        Self::Other,
    ];
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Interview => "interview",
            Self::Statement => "statement",
            Self::Speech => "speech",
            Self::Rally => "rally",
            Self::Debate => "debate",
            Self::PressConference => "press-conference",
            Self::Hearing => "hearing",
            Self::SocialMedia => "social-media",
            Self::Letter => "letter",
            Self::Email => "email",
            Self::Broadcast => "broadcast",
            Self::CourtFiling => "court-filing",
            Self::Report => "report",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A channel and the words that show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelFinding {
    pub channel: Channel,
    pub span: Span,
}

/// How precise a resolved time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    Day,
    /// The date is the Monday of the week.
    Week,
    Month,
    Year,
    /// A time the text gives but that names no date ("recently").
    Unresolved,
}

impl Granularity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
            Self::Unresolved => "unresolved",
        }
    }
}

/// A time expression attached to a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    pub span: Span,
    /// `YYYY-MM-DD` (day, week), `YYYY-MM` (month), `YYYY` (year); `None` when unresolved.
    pub date: Option<String>,
    pub granularity: Granularity,
}

/// Where a statement's `said_on` date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateBasis {
    /// A time expression in the text.
    Text,
    /// The article's publication date.
    Published,
}

impl DateBasis {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Published => "published",
        }
    }
}

/// An interaction between actors: "NATO sent a response to Moscow".
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub span: Span,
    pub trigger: Span,
    /// A short code of the event class ("send", "reject", "meet", "appeal").
    pub code: String,
    pub source: Option<usize>,
    pub target: Option<usize>,
}

/// One article and everything found in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub meta: Meta,
    pub boilerplate: Vec<Boilerplate>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Non-fatal problems met while analysing ("unbalanced quotation mark at 1234").
    pub warnings: Vec<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// True when `span` lies mostly inside a boilerplate span.
    pub fn in_boilerplate(&self, span: Span) -> bool {
        self.boilerplate
            .iter()
            .any(|b| b.span.overlaps(span) && overlap(b.span, span) * 2 > span.len())
    }
}

/// Bytes two spans share.
pub fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 15);
        assert!(a.overlaps(b));
        assert!(!a.contains(b));
        assert_eq!(a.cover(b), Span::new(0, 15));
        assert_eq!(overlap(a, b), 5);
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
    }

    #[test]
    fn channel_round_trips() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        assert_eq!(Channel::parse("tv"), None);
    }

    #[test]
    fn boilerplate_reason_round_trips() {
        for r in BoilerplateReason::ALL {
            assert_eq!(BoilerplateReason::parse(r.as_str()), Some(r));
        }
        assert_eq!(BoilerplateReason::parse("nope"), None);
    }

    #[test]
    fn in_boilerplate_needs_majority() {
        let mut d = Document::new("x", "0123456789");
        d.boilerplate.push(Boilerplate {
            span: Span::new(0, 4),
            reason: BoilerplateReason::Chrome,
        });
        assert!(d.in_boilerplate(Span::new(0, 3)));
        assert!(!d.in_boilerplate(Span::new(2, 10)));
    }
}
