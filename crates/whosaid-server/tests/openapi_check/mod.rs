//! Checks the served OpenAPI document against the server: every documented
//! operation answers (no 404 or 405), with a status the document lists, and
//! every JSON body validates against the schema the document gives for it.
//! The router and the document are built by the same `routes!` calls, so a
//! route cannot be served undocumented; `EXPECTED` catches one dropped from both.

use crate::common::{get, request};
use serde_json::Value;

const EXPECTED: [&str; 8] = [
    "/api/v1/quotes",
    "/api/v1/speakers",
    "/api/v1/speakers/{id}",
    "/api/v1/articles/{id}",
    "/api/v1/stats",
    "/api/v1/export",
    "/api/v1/analyze",
    "/api/v1/ingest",
];

/// Validates `v` against a schema of the subset utoipa writes: `$ref`, `type`
/// (one or a list), `properties`, `required`, `items`, `oneOf`, `allOf`, `enum`.
pub fn validate(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let s = &doc["components"]["schemas"][name];
        if s.is_null() {
            return Err(format!("{at}: unknown schema {r}"));
        }
        return validate(doc, s, v, at);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(doc, s, v, at)?;
        }
    }
    if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
        let ok = one
            .iter()
            .filter(|s| validate(doc, s, v, at).is_ok())
            .count();
        if ok != 1 {
            return Err(format!("{at}: {ok} of oneOf match {v}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return Err(format!("{at}: {v} not in {e:?}"));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = |t: &str| match t {
            "null" => v.is_null(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            return Err(format!("{at}: {v} is not {types:?}"));
        }
    }
    if let (Some(obj), Some(props)) = (
        v.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = req.as_str().unwrap_or("");
            if !obj.contains_key(k) {
                return Err(format!("{at}: missing required {k}"));
            }
        }
        for (k, s) in props {
            if let Some(x) = obj.get(k) {
                validate(doc, s, x, &format!("{at}.{k}"))?;
            }
        }
    }
    if let (Some(arr), Some(items)) = (v.as_array(), schema.get("items")) {
        for (i, x) in arr.iter().enumerate() {
            validate(doc, items, x, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

pub fn check(base: &str, ids: &[(&str, String)]) {
    let r = get(&format!("{base}/api/v1/openapi.json"));
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let mut names: Vec<&str> = paths.keys().map(String::as_str).collect();
    names.sort();
    let mut expected = EXPECTED.to_vec();
    expected.sort();
    assert_eq!(names, expected, "documented routes");
    let id_for = |path: &str| {
        let key = if path.contains("speakers") {
            "speaker_id"
        } else {
            "article_id"
        };
        ids.iter()
            .find(|(k, _)| *k == key)
            .map(|x| x.1.clone())
            .unwrap()
    };
    let mut checked = 0;
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let mut url = format!("{base}{}", path.replace("{id}", &id_for(path)));
            // required query parameters get a value; the rest are left out
            let required: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| format!("{}=jsonl", p["name"].as_str().unwrap()))
                .collect();
            if !required.is_empty() {
                url = format!("{url}?{}", required.join("&"));
            }
            let resp = request(
                &method.to_uppercase(),
                &url,
                None,
                if method == "post" { Some(b"") } else { None },
                None,
            );
            assert!(
                resp.status != 404 && resp.status != 405,
                "{method} {path}: {} {}",
                resp.status,
                resp.body
            );
            let documented = &op["responses"][resp.status.to_string()];
            assert!(
                !documented.is_null(),
                "{method} {path}: status {} is not documented",
                resp.status
            );
            let ct = resp.ctype.clone();
            if ct.contains("json") && !ct.contains("ndjson") {
                let schema = &documented["content"][&ct]["schema"];
                assert!(
                    !schema.is_null(),
                    "{method} {path}: {ct} for {} is not documented",
                    resp.status
                );
                validate(&doc, schema, &resp.json(), &format!("{method} {path}"))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, EXPECTED.len());
    // the search responses with every field filled validate too
    let quotes = &doc["paths"]["/api/v1/quotes"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    let page = get(&format!(
        "{base}/api/v1/quotes?speaker=Blinken&limit=2&facets=true"
    ));
    validate(&doc, quotes, &page.json(), "quotes").unwrap();
    let sp = &doc["paths"]["/api/v1/speakers/{id}"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    let one = get(&format!("{base}/api/v1/speakers/{}", id_for("/speakers/")));
    validate(&doc, sp, &one.json(), "speaker").unwrap();
    let bad = &doc["paths"]["/api/v1/quotes"]["get"]["responses"]["400"]["content"]
        ["application/problem+json"]["schema"];
    validate(
        &doc,
        bad,
        &get(&format!("{base}/api/v1/quotes?limit=0")).json(),
        "problem",
    )
    .unwrap();
}

#[test]
fn the_validator_rejects_what_it_should() {
    let doc = serde_json::json!({"components": {"schemas": {"P": {"type": "object", "required": ["a"],
        "properties": {"a": {"type": "integer"}, "b": {"type": ["string", "null"]}}}}}});
    let s = serde_json::json!({"$ref": "#/components/schemas/P"});
    assert!(validate(&doc, &s, &serde_json::json!({"a": 1, "b": null}), "x").is_ok());
    assert!(validate(&doc, &s, &serde_json::json!({"b": "y"}), "x").is_err());
    assert!(validate(&doc, &s, &serde_json::json!({"a": "1"}), "x").is_err());
    assert!(validate(&doc, &s, &serde_json::json!({"a": 1, "b": 2}), "x").is_err());
    let arr = serde_json::json!({"type": "array", "items": {"type": "number"}});
    assert!(validate(&doc, &arr, &serde_json::json!([1, "x"]), "x").is_err());
}
