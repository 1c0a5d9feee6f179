//! Copy detection wired into the store: the store calls [`Linker`] inside each
//! ingest transaction, and it runs `whosaid-link`'s decisions over the store's
//! [`CopyIndex`] (the store keeps and indexes; `whosaid-link` decides).

use whosaid_link::{CopyGraph, CopyLink, StatementLink, StatementRef};
use whosaid_store::{
    CopyIndex, CopyLinkRow, CopyLinker, StatementLinkRow, StoreError, StoredStatement,
};

/// `whosaid-link`'s copy detection, as the store's [`CopyLinker`].
pub struct Linker;

impl CopyLinker for Linker {
    fn link(
        &self,
        index: &mut dyn CopyIndex,
        article: i64,
        bands: &[i64],
    ) -> Result<(), StoreError> {
        whosaid_link::link_article(&mut Graph(index), article, bands).map(|_| ())
    }
}

/// The store's index seen as `whosaid-link`'s graph.
struct Graph<'a>(&'a mut dyn CopyIndex);

impl CopyGraph for Graph<'_> {
    type Error = StoreError;

    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>, StoreError> {
        self.0.candidates(bands, exclude, limit, per_key)
    }
    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>, StoreError> {
        self.0.profile(article)
    }
    fn origin_of(&mut self, article: i64) -> Result<Option<i64>, StoreError> {
        self.0.origin_of(article)
    }
    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>, StoreError> {
        self.0.copies_of(origin)
    }
    fn statements(&mut self, article: i64) -> Result<Vec<StatementRef>, StoreError> {
        Ok(self
            .0
            .statements(article)?
            .into_iter()
            .map(|s: StoredStatement| StatementRef {
                id: s.id,
                start: s.start,
                end: s.end,
                text: s.text,
                kind: s.kind,
                speaker_id: s.speaker_id,
            })
            .collect())
    }
    fn set_copy(&mut self, l: &CopyLink) -> Result<(), StoreError> {
        self.0.set_copy(&CopyLinkRow {
            article: l.article,
            origin: l.origin,
            relation: l.relation.to_string(),
            similarity: l.similarity,
            evidence: l.evidence.clone(),
        })
    }
    fn clear_copy(&mut self, article: i64) -> Result<(), StoreError> {
        self.0.clear_copy(article)
    }
    fn publisher_record(
        &mut self,
        publisher: &str,
    ) -> Result<whosaid_link::copies::PublisherRecord, StoreError> {
        let (origins, copies) = self.0.publisher_record(publisher)?;
        Ok(whosaid_link::copies::PublisherRecord { origins, copies })
    }
    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<(), StoreError> {
        self.0.count_publisher(publisher, as_origin)
    }
    fn set_statement_links(
        &mut self,
        article: i64,
        links: &[StatementLink],
    ) -> Result<(), StoreError> {
        let rows: Vec<StatementLinkRow> = links
            .iter()
            .map(|l| StatementLinkRow {
                quote_id: l.quote_id,
                origin_quote_id: l.origin_quote_id,
                altered: l.altered,
                speaker_id: l.speaker_id,
            })
            .collect();
        self.0.set_statement_links(article, &rows)
    }
}
