//! The one write path for tracking changes: status, verdict (with explanation, summary and
//! review URL), assignment, evidence, notes and undo all go through [`Store::change`](crate::Store::change), which
//! checks the workflow rules and the caller's expectations against the claim's state *inside*
//! the write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the claim row read with
//! `SELECT … FOR UPDATE`), writes the new state, bumps the revision once per claim and appends
//! one history row per field touched. Written once, against [`crate::db::Db`], for both engines.

use claimtrack_model::workflow::{self, TransitionContext};
use claimtrack_model::{Action, Field, Stance, Status, Verdict};

use crate::db::Db;
use crate::rows::{self, parse_enum};
use crate::{ChangeMeta, Result, StoreError};

/// What to do to each claim of a [`Store::change`](crate::Store::change).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Move to this workflow status (checked by `workflow::check_transition`).
    Status(Status),
    /// Set the verdict and/or its explanation, summary and review URL (see [`VerdictChange`]).
    Verdict(VerdictChange),
    /// Assign to this person (`Some`) or unassign (`None`).
    Assign(Option<String>),
    /// Add a piece of evidence.
    AddEvidence(NewEvidence),
    /// Remove (hide) this evidence; the note of the [`ChangeMeta`] says why.
    RemoveEvidence(i64),
    /// Add a free comment.
    AddNote(String),
    /// Revert the claim's last change, as a new change. Undos are not themselves undone: a
    /// second undo reverts the change before (walking back through the history).
    Undo,
}

/// The verdict-related fields to set; `None` leaves a field as it is, `Some("")` clears a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerdictChange {
    /// New verdict.
    pub verdict: Option<Verdict>,
    /// New rating explanation (ClaimReview `ratingExplanation`).
    pub explanation: Option<String>,
    /// New short summary of the claim (ClaimReview `claimReviewed`).
    pub summary: Option<String>,
    /// New URL of the published fact-check (ClaimReview `url`).
    pub review_url: Option<String>,
}

/// A piece of evidence to add. The URL is stored as given: validate and normalise it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// Absolute URL of the source.
    pub url: String,
    /// Its title.
    pub title: Option<String>,
    /// What the fact-checker noted about it.
    pub note: Option<String>,
    /// How it bears on the claim.
    pub stance: Option<Stance>,
}

/// Whether [`Store::change`](crate::Store::change) commits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Commit {
    /// Commit whatever changes.
    #[default]
    Yes,
    /// Check and compute everything, then roll back: the returned changes are what would
    /// happen.
    DryRun,
    /// Commit only when at most this many claims change; otherwise roll back with
    /// [`StoreError::NeedsConfirmation`].
    AtMost(usize),
}

/// Options of a [`Store::change`](crate::Store::change) beyond the operation itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Override workflow rules (needs a note); the change is recorded as forced.
    pub force: bool,
    /// Reopen a published claim (status back to `in_progress`, with a note; or a verdict
    /// change).
    pub reopen: bool,
    /// Refuse with [`StoreError::Conflict`] unless each claim is at this revision.
    pub expect_revision: Option<i64>,
    /// Refuse with [`StoreError::Conflict`] unless each claim has this status.
    pub expect_status: Option<Status>,
    /// Commit, dry run, or commit only up to a number of claims.
    pub commit: Commit,
}

/// One field a change touches (or would touch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The attribute.
    pub field: Field,
    /// Set, add or remove.
    pub action: Action,
    /// Value before (snake_case name for status/verdict, text otherwise; `None` = unset).
    pub from: Option<String>,
    /// Value after.
    pub to: Option<String>,
    /// The evidence added or removed.
    pub evidence_id: Option<i64>,
    /// The note added or removed.
    pub note_id: Option<i64>,
}

/// What one claim's change did, one per id given to [`Store::change`](crate::Store::change), in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The claim.
    pub claim_id: i64,
    /// The fields written. When nothing changed (the claim already had the values) it holds
    /// the requested fields with `from == to`.
    pub fields: Vec<FieldChange>,
    /// False when the claim already had the values: nothing was written for it.
    pub changed: bool,
    /// A workflow rule was overridden with `force`.
    pub forced: bool,
    /// For an undo: the revision reverted.
    pub undoes: Option<i64>,
    /// The claim's revision after the command (incremented by one when `changed`).
    pub revision: i64,
}

impl Change {
    /// The first field touched (status for `status`, verdict or the first verdict field for
    /// `verdict`…).
    pub fn field(&self) -> Option<&FieldChange> {
        self.fields.first()
    }
}

/// The columns a [`Field`] with action `set` writes, from this allow-list only.
fn column(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Status => "status",
        Field::Verdict => "verdict",
        Field::Explanation => "explanation",
        Field::Summary => "summary",
        Field::ReviewUrl => "review_url",
        Field::PublishedAt => "published_at",
        Field::Assignee => "assignee",
        Field::Evidence | Field::Note => return None,
    })
}

/// A claim's state as the rules and expectations need it.
struct State {
    status: Status,
    revision: i64,
    values: Vec<(Field, Option<String>)>,
    evidence: usize,
}

impl State {
    fn get(&self, field: Field) -> Option<String> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, v)| v.clone())
    }

    fn load(db: &mut dyn Db, claim_id: i64) -> Result<State> {
        const SET_FIELDS: [Field; 7] = [
            Field::Status,
            Field::Verdict,
            Field::Explanation,
            Field::Summary,
            Field::ReviewUrl,
            Field::PublishedAt,
            Field::Assignee,
        ];
        let sql = format!(
            "SELECT revision, status, verdict, explanation, summary, review_url, \
             published_at, assignee FROM claims WHERE id = $1{}",
            db.for_update()
        );
        let row = db
            .query_opt(&sql, &[claim_id.into()])?
            .ok_or(StoreError::ClaimNotFound(claim_id))?;
        let revision = row.i64(0)?;
        let raw = (1..=SET_FIELDS.len())
            .map(|i| row.opt_text(i))
            .collect::<Result<Vec<_>>>()?;
        let values: Vec<(Field, Option<String>)> = SET_FIELDS.into_iter().zip(raw).collect();
        let status = values[0].1.clone().unwrap_or_default();
        let evidence = db
            .query_one(
                "SELECT count(*) FROM evidence WHERE claim_id = $1 AND removed_at IS NULL",
                &[claim_id.into()],
            )?
            .i64(0)?;
        Ok(State {
            status: parse_enum(&status, "status", claim_id)?,
            revision,
            values,
            evidence: evidence as usize,
        })
    }
}

fn set(field: Field, from: Option<String>, to: Option<String>) -> FieldChange {
    FieldChange {
        field,
        action: Action::Set,
        from,
        to,
        evidence_id: None,
        note_id: None,
    }
}

fn has_text(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The body of [`crate::Store::change`], run inside the engine's write transaction: every id
/// looked up first, then each claim changed in order. Returns the changes and whether to commit
/// (see [`Commit`]).
pub(crate) fn run(
    db: &mut dyn Db,
    ids: &[i64],
    op: &Op,
    opts: &WriteOptions,
    meta: &ChangeMeta,
) -> Result<(Vec<Change>, bool)> {
    // Every claim looked up (on PostgreSQL: locked) in ascending id order, whatever the order
    // given, so that two bulk changes of overlapping claims never deadlock; an unknown id is
    // reported in the order given.
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let lookup = format!("SELECT 1 FROM claims WHERE id = $1{}", db.for_update());
    let mut missing = std::collections::HashSet::new();
    for id in sorted {
        if db.query_opt(&lookup, &[id.into()])?.is_none() {
            missing.insert(id);
        }
    }
    if let Some(&id) = ids.iter().find(|id| missing.contains(id)) {
        return Err(StoreError::ClaimNotFound(id));
    }
    let mut changes = Vec::with_capacity(ids.len());
    for &id in ids {
        changes.push(change_one(db, id, op, opts, meta)?);
    }
    let count = changes.iter().filter(|c| c.changed).count();
    match opts.commit {
        Commit::Yes => Ok((changes, true)),
        Commit::DryRun => Ok((changes, false)),
        Commit::AtMost(max) if count > max => Err(StoreError::NeedsConfirmation { count, max }),
        Commit::AtMost(_) => Ok((changes, true)),
    }
}

fn conflict(db: &mut dyn Db, claim_id: i64, state: &State, expected: String) -> StoreError {
    let last = db
        .query_opt(
            "SELECT \"by\", at FROM history WHERE claim_id = $1 ORDER BY id DESC LIMIT 1",
            &[claim_id.into()],
        )
        .ok()
        .flatten()
        .and_then(|r| Some((r.text(0).ok()?, r.text(1).ok()?)));
    StoreError::Conflict {
        claim_id,
        revision: state.revision,
        status: state.status,
        last: last
            .map(|(by, at)| format!(" (last change by {by} at {at})"))
            .unwrap_or_default(),
        expected,
    }
}

fn change_one(
    db: &mut dyn Db,
    claim_id: i64,
    op: &Op,
    opts: &WriteOptions,
    meta: &ChangeMeta,
) -> Result<Change> {
    let state = State::load(db, claim_id)?;
    if let Some(rev) = opts.expect_revision {
        if rev != state.revision {
            return Err(conflict(db, claim_id, &state, format!("revision {rev}")));
        }
    }
    if let Some(status) = opts.expect_status {
        if status != state.status {
            return Err(conflict(db, claim_id, &state, format!("status {status}")));
        }
    }
    let has_note = has_text(&meta.note);
    let at = rows::format_time(&meta.at);
    let refuse = |rule| StoreError::Workflow { claim_id, rule };
    let mut forced = false;
    let mut reopen = false;
    let mut undoes = None;
    let mut fields: Vec<FieldChange> = Vec::new();

    match op {
        Op::Status(to) => {
            let verdict = state
                .get(Field::Verdict)
                .map(|v| parse_enum::<Verdict>(&v, "verdict", claim_id))
                .transpose()?;
            let ctx = TransitionContext {
                verdict,
                has_explanation: has_text(&state.get(Field::Explanation)),
                evidence: state.evidence,
                reopen: opts.reopen,
                has_note,
            };
            if *to != state.status {
                let rule = workflow::check_transition(state.status, *to, &ctx);
                forced = workflow::authorize(rule, opts.force, has_note).map_err(refuse)?;
                reopen = opts.reopen && state.status == Status::Published;
                fields.push(set(
                    Field::Status,
                    Some(state.status.as_str().to_owned()),
                    Some(to.as_str().to_owned()),
                ));
                if *to == Status::Published && state.get(Field::PublishedAt).is_none() {
                    fields.push(set(Field::PublishedAt, None, Some(at.clone())));
                }
            }
        }
        Op::Verdict(v) => {
            let wanted = [
                (Field::Verdict, v.verdict.map(|v| v.as_str().to_owned())),
                (Field::Explanation, v.explanation.clone()),
                (Field::Summary, v.summary.clone()),
                (Field::ReviewUrl, v.review_url.clone()),
            ];
            for (field, value) in wanted {
                let Some(value) = value else { continue };
                let to = Some(value).filter(|s| !s.trim().is_empty());
                let from = state.get(field);
                if from != to {
                    fields.push(set(field, from, to));
                }
            }
            if !fields.is_empty() {
                let ctx = TransitionContext {
                    reopen: opts.reopen,
                    has_note,
                    ..Default::default()
                };
                let rule = workflow::check_verdict_change(state.status, &ctx);
                forced = workflow::authorize(rule, opts.force, has_note).map_err(refuse)?;
                reopen = opts.reopen && state.status == Status::Published;
            }
        }
        Op::Assign(to) => {
            let from = state.get(Field::Assignee);
            if from != *to {
                fields.push(set(Field::Assignee, from, to.clone()));
            }
        }
        Op::AddEvidence(e) => {
            if let Some(evidence_id) = active_evidence_with_url(db, claim_id, &e.url)? {
                return Err(StoreError::DuplicateEvidence {
                    claim_id,
                    url: e.url.clone(),
                    evidence_id,
                });
            }
            let evidence_id = db
                .query_one(
                    "INSERT INTO evidence (claim_id, url, title, note, stance, added_by, added_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    &[
                        claim_id.into(),
                        (&e.url).into(),
                        e.title.clone().into(),
                        e.note.clone().into(),
                        e.stance.map(|s| s.as_str()).into(),
                        (&meta.by).into(),
                        (&at).into(),
                    ],
                )?
                .i64(0)?;
            fields.push(FieldChange {
                field: Field::Evidence,
                action: Action::Add,
                from: None,
                to: Some(e.url.clone()),
                evidence_id: Some(evidence_id),
                note_id: None,
            });
        }
        Op::RemoveEvidence(evidence_id) => {
            let url = db
                .query_opt(
                    "SELECT url FROM evidence WHERE id = $1 AND claim_id = $2 \
                     AND removed_at IS NULL",
                    &[(*evidence_id).into(), claim_id.into()],
                )?
                .map(|r| r.text(0))
                .transpose()?;
            let url = url.ok_or(StoreError::EvidenceNotFound(*evidence_id))?;
            fields.push(FieldChange {
                field: Field::Evidence,
                action: Action::Remove,
                from: Some(url),
                to: None,
                evidence_id: Some(*evidence_id),
                note_id: None,
            });
        }
        Op::AddNote(text) => {
            let note_id = db
                .query_one(
                    "INSERT INTO notes (claim_id, text, \"by\", at) VALUES ($1, $2, $3, $4) \
                     RETURNING id",
                    &[
                        claim_id.into(),
                        text.into(),
                        (&meta.by).into(),
                        (&at).into(),
                    ],
                )?
                .i64(0)?;
            fields.push(FieldChange {
                field: Field::Note,
                action: Action::Add,
                from: None,
                to: Some(text.clone()),
                evidence_id: None,
                note_id: Some(note_id),
            });
        }
        Op::Undo => {
            let target = undo_target(db, claim_id)?.ok_or(StoreError::NothingToUndo(claim_id))?;
            let last = db
                .query(
                    "SELECT field, action, from_value, to_value, evidence_id, note_id FROM history \
                     WHERE claim_id = $1 AND revision = $2 ORDER BY id DESC",
                    &[claim_id.into(), target.into()],
                )?
                .iter()
                .map(|r| {
                    Ok((
                        r.text(0)?,
                        r.text(1)?,
                        r.opt_text(2)?,
                        r.opt_text(3)?,
                        r.opt_i64(4)?,
                        r.opt_i64(5)?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            if last.is_empty() {
                return Err(StoreError::NothingToUndo(claim_id));
            }
            for (field, action, from, to, evidence_id, note_id) in last {
                let field: Field = parse_enum(&field, "field", claim_id)?;
                let action = match parse_enum::<Action>(&action, "action", claim_id)? {
                    Action::Set => Action::Set,
                    Action::Add => Action::Remove,
                    Action::Remove => Action::Add,
                };
                if action == Action::Set && state.get(field) != to {
                    return Err(StoreError::Corrupt(format!(
                        "claim {claim_id}: {field} is not what revision {target} set; run db check"
                    )));
                }
                fields.push(FieldChange {
                    field,
                    action,
                    from: to,
                    to: from,
                    evidence_id,
                    note_id,
                });
            }
            undoes = Some(target);
        }
    }

    if fields.is_empty() {
        let current = match op {
            Op::Status(_) => set(
                Field::Status,
                state.get(Field::Status),
                state.get(Field::Status),
            ),
            Op::Assign(_) => set(
                Field::Assignee,
                state.get(Field::Assignee),
                state.get(Field::Assignee),
            ),
            _ => set(
                Field::Verdict,
                state.get(Field::Verdict),
                state.get(Field::Verdict),
            ),
        };
        return Ok(Change {
            claim_id,
            fields: vec![current],
            changed: false,
            forced: false,
            undoes: None,
            revision: state.revision,
        });
    }

    for f in &fields {
        apply(db, claim_id, f, meta, &at)?;
    }
    let revision = db
        .query_one(
            "UPDATE claims SET revision = revision + 1 WHERE id = $1 RETURNING revision",
            &[claim_id.into()],
        )?
        .i64(0)?;
    for f in &fields {
        db.exec(
            "INSERT INTO history (claim_id, revision, field, action, from_value, to_value, note, \
             \"by\", at, forced, reopen, undoes, evidence_id, note_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            &[
                claim_id.into(),
                revision.into(),
                f.field.as_str().into(),
                f.action.as_str().into(),
                f.from.clone().into(),
                f.to.clone().into(),
                meta.note.clone().into(),
                (&meta.by).into(),
                (&at).into(),
                forced.into(),
                reopen.into(),
                undoes.into(),
                f.evidence_id.into(),
                f.note_id.into(),
            ],
        )?;
    }
    Ok(Change {
        claim_id,
        fields,
        changed: true,
        forced,
        undoes,
        revision,
    })
}

/// The revision an undo reverts: the latest change that is neither an undo nor already undone
/// (so repeated undos walk back through the history). `None` when there is none.
fn undo_target(db: &mut dyn Db, claim_id: i64) -> Result<Option<i64>> {
    let rows = db.query(
        "SELECT revision, max(undoes) FROM history WHERE claim_id = $1 \
         GROUP BY revision ORDER BY revision DESC",
        &[claim_id.into()],
    )?;
    let mut undone = std::collections::HashSet::new();
    for row in rows {
        let (revision, undoes) = (row.i64(0)?, row.opt_i64(1)?);
        if let Some(u) = undoes {
            undone.insert(u);
        } else if !undone.contains(&revision) {
            return Ok(Some(revision));
        }
    }
    Ok(None)
}

fn active_evidence_with_url(db: &mut dyn Db, claim_id: i64, url: &str) -> Result<Option<i64>> {
    db.query_opt(
        "SELECT id FROM evidence WHERE claim_id = $1 AND url = $2 AND removed_at IS NULL",
        &[claim_id.into(), url.into()],
    )?
    .map(|r| r.i64(0))
    .transpose()
}

/// Writes one field change to the claim, its evidence or its notes.
fn apply(
    db: &mut dyn Db,
    claim_id: i64,
    f: &FieldChange,
    meta: &ChangeMeta,
    at: &str,
) -> Result<()> {
    match (f.field, f.action) {
        (Field::Evidence, Action::Add) => {
            let id = f.evidence_id.unwrap_or_default();
            let removed = db
                .query_opt(
                    "SELECT removed_at FROM evidence WHERE id = $1",
                    &[id.into()],
                )?
                .map(|r| r.opt_text(0))
                .transpose()?;
            if let Some(Some(_)) = removed {
                // Undo of a removal: restore, unless the URL was added again meanwhile.
                let url = f.to.clone().unwrap_or_default();
                if let Some(evidence_id) = active_evidence_with_url(db, claim_id, &url)? {
                    return Err(StoreError::DuplicateEvidence {
                        claim_id,
                        url,
                        evidence_id,
                    });
                }
                db.exec(
                    "UPDATE evidence SET removed_at = NULL, removed_by = NULL, \
                     removed_note = NULL WHERE id = $1",
                    &[id.into()],
                )?;
            }
        }
        (Field::Evidence, _) => {
            db.exec(
                "UPDATE evidence SET removed_at = $2, removed_by = $3, removed_note = $4 \
                 WHERE id = $1",
                &[
                    f.evidence_id.into(),
                    at.into(),
                    (&meta.by).into(),
                    meta.note.clone().into(),
                ],
            )?;
        }
        (Field::Note, Action::Add) => {
            db.exec(
                "UPDATE notes SET removed_at = NULL, removed_by = NULL WHERE id = $1",
                &[f.note_id.into()],
            )?;
        }
        (Field::Note, _) => {
            db.exec(
                "UPDATE notes SET removed_at = $2, removed_by = $3 WHERE id = $1",
                &[f.note_id.into(), at.into(), (&meta.by).into()],
            )?;
        }
        (field, _) => {
            let col = column(field).ok_or_else(|| {
                StoreError::Corrupt(format!("field {field} has no column to set"))
            })?;
            // `col` comes from the allow-list in `column`, never from input.
            db.exec(
                &format!("UPDATE claims SET {col} = $1 WHERE id = $2"),
                &[f.to.clone().into(), claim_id.into()],
            )?;
        }
    }
    Ok(())
}
