//! `claimtrack status`, `verdict`, `assign` and `undo`: tracking writes on claims given by id or
//! selected with the filters of `claims` (bulk), each command one store transaction (all or
//! nothing), with the workflow rules, `--expect-*` conflicts, `--dry-run` and `--yes`.

use std::io::Write;

use anyhow::{bail, Result};
use claimtrack_model::{Action, Field, Status};
use claimtrack_store::{
    AssigneeFilter, Change, ChangeMeta, ClaimFilter, Commit, Op, Store, VerdictChange, WriteOptions,
};
use serde::Serialize;

use super::Ctx;
use crate::args::{AssignArgs, SelectArgs, UndoArgs, VerdictArgs, WriteArgs};
use crate::cli::{Format, SetArgs};
use crate::{env, render};

/// More claims than this need `--yes`.
pub const CONFIRM_ABOVE: usize = 20;

pub fn status(ctx: &Ctx, args: SetArgs<Status>, out: &mut dyn Write) -> Result<()> {
    let mut store = ctx.open()?;
    let ids = resolve(&store, args.ids, &args.select)?;
    let opts = options(&args.write, args.force, args.reopen);
    let meta = meta(ctx, args.note)?;
    run(
        &mut store,
        &ids,
        &Op::Status(args.set),
        &opts,
        &meta,
        &args.write,
        out,
    )
}

pub fn verdict(ctx: &Ctx, args: VerdictArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = ctx.open()?;
    let ids = resolve(&store, args.ids, &args.select)?;
    let opts = options(&args.write, args.force, args.reopen);
    let review_url = match args.url {
        Some(u) if u.trim().is_empty() => Some(String::new()),
        Some(u) => Some(parse_url(&u)?),
        None => None,
    };
    let mut verdict = args.set;
    let mut ops = Vec::new();
    if let Some(fc) = args.from_match {
        let (v, evidence) = super::matching::confirmation(&store, fc, args.set)?;
        verdict = Some(v);
        ops.extend(evidence);
    }
    ops.push(Op::Verdict(VerdictChange {
        verdict,
        explanation: args.explanation,
        summary: args.summary,
        review_url,
    }));
    let meta = meta(ctx, args.note)?;
    if ops.len() == 1 {
        return run(&mut store, &ids, &ops[0], &opts, &meta, &args.write, out);
    }
    let changes = store.change_together(&ids, &ops, &opts, &meta)?;
    report(out, &changes, &args.write)
}

pub fn assign(ctx: &Ctx, args: AssignArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = ctx.open()?;
    let ids = resolve(&store, args.ids, &args.select)?;
    let opts = options(&args.write, false, false);
    let op = Op::Assign(if args.unassign { None } else { args.to });
    let meta = meta(ctx, args.note)?;
    run(&mut store, &ids, &op, &opts, &meta, &args.write, out)
}

pub fn undo(ctx: &Ctx, args: UndoArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = ctx.open()?;
    let opts = options(&args.write, false, false);
    let meta = meta(ctx, args.note)?;
    run(
        &mut store,
        &[args.id],
        &Op::Undo,
        &opts,
        &meta,
        &args.write,
        out,
    )
}

/// Applies `op`, then prints the report (table lines or JSON).
pub fn run(
    store: &mut Store,
    ids: &[i64],
    op: &Op,
    opts: &WriteOptions,
    meta: &ChangeMeta,
    write: &WriteArgs,
    out: &mut dyn Write,
) -> Result<()> {
    if ids.is_empty() {
        if write.format == Format::Json {
            return render::write_json(out, &Vec::<ChangeJson>::new());
        }
        return render::write_line(out, "no matching claims; nothing to change");
    }
    let changes = store.change(ids, op, opts, meta)?;
    report(out, &changes, write)
}

/// The write options of the flags.
pub fn options(write: &WriteArgs, force: bool, reopen: bool) -> WriteOptions {
    WriteOptions {
        force,
        reopen,
        expect_revision: write.expect_revision,
        expect_status: write.expect_status,
        commit: if write.dry_run {
            Commit::DryRun
        } else if write.yes {
            Commit::Yes
        } else {
            Commit::AtMost(CONFIRM_ABOVE)
        },
    }
}

/// Who, when, why.
pub fn meta(ctx: &Ctx, note: Option<String>) -> Result<ChangeMeta> {
    Ok(ChangeMeta {
        by: ctx.by().to_owned(),
        note,
        at: env::now()?,
    })
}

/// The claims a bulk command acts on: the ids given (each once, in the order first given), or
/// those the filters select.
fn resolve(store: &Store, ids: Vec<i64>, select: &SelectArgs) -> Result<Vec<i64>> {
    match (ids.is_empty(), select.any()) {
        (false, false) => Ok(crate::args::dedup_ids(ids)),
        (false, true) => {
            bail!("give either claim ids or selection flags (--article, --status…), not both")
        }
        (true, false) => bail!(
            "give claim ids, or select claims with --article, --cluster, --status, --verdict, \
             --kind, --min-score, --assignee or --search"
        ),
        (true, true) => {
            let filter = filter(select);
            let mut ids: Vec<i64> = store.claims(&filter)?.iter().map(|c| c.id).collect();
            if let Some(k) = select.cluster {
                let clusters = store.clusters()?;
                ids.retain(|id| clusters.get(id) == Some(&k));
            }
            Ok(ids)
        }
    }
}

/// The store filter of the selection flags.
pub fn filter(select: &SelectArgs) -> ClaimFilter {
    ClaimFilter {
        article: select.article,
        status: select.status,
        verdict: select.verdict,
        min_score: select.min_score,
        check_worthy_only: !select.all,
        kind: select.kind,
        assignee: select.assignee.as_deref().map(assignee_filter),
        search: select.search.clone(),
    }
}

/// `none` selects unassigned claims; any other value is a name.
pub fn assignee_filter(value: &str) -> AssigneeFilter {
    if value.trim().eq_ignore_ascii_case("none") {
        AssigneeFilter::Unassigned
    } else {
        AssigneeFilter::Name(value.trim().to_owned())
    }
}

/// Validates an absolute http(s) URL with the `url` crate; returns its normalised form.
pub fn parse_url(s: &str) -> Result<String> {
    match url::Url::parse(s.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(u.as_str().to_owned())
        }
        Ok(u) => bail!("'{s}' is not an http(s) URL (scheme {})", u.scheme()),
        Err(e) => bail!("'{s}' is not a valid URL: {e}"),
    }
}

/// One claim's change in `--format json` output of the write commands.
#[derive(Debug, Serialize)]
pub struct ChangeJson {
    pub claim_id: i64,
    pub changed: bool,
    pub forced: bool,
    pub revision: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undoes: Option<i64>,
    pub dry_run: bool,
    pub fields: Vec<FieldJson>,
}

/// One field of a [`ChangeJson`].
#[derive(Debug, Serialize)]
pub struct FieldJson {
    pub field: Field,
    pub action: Action,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_id: Option<i64>,
}

fn to_json(c: &Change, dry_run: bool) -> ChangeJson {
    ChangeJson {
        claim_id: c.claim_id,
        changed: c.changed,
        forced: c.forced,
        revision: c.revision,
        undoes: c.undoes,
        dry_run,
        fields: c
            .fields
            .iter()
            .map(|f| FieldJson {
                field: f.field,
                action: f.action,
                from: f.from.clone(),
                to: f.to.clone(),
                evidence_id: f.evidence_id,
                note_id: f.note_id,
            })
            .collect(),
    }
}

/// Prints what each claim's change did: `claim 3: status unverified -> in_progress`,
/// `claim 3: already in_progress; nothing recorded`; a dry run ends with a summary line.
pub fn report(out: &mut dyn Write, changes: &[Change], write: &WriteArgs) -> Result<()> {
    if write.format == Format::Json {
        let list: Vec<ChangeJson> = changes.iter().map(|c| to_json(c, write.dry_run)).collect();
        return render::write_json(out, &list);
    }
    for c in changes {
        render::write_line(out, &describe(c))?;
    }
    if write.dry_run {
        let n = changes.iter().filter(|c| c.changed).count();
        render::write_line(
            out,
            &format!("dry run: {n} claim(s) would change; nothing written"),
        )?;
    }
    Ok(())
}

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("none")
}

/// One line describing a change.
pub fn describe(c: &Change) -> String {
    if !c.changed {
        let to = c.fields.first().map(|f| value(&f.to)).unwrap_or("none");
        return format!("claim {}: already {to}; nothing recorded", c.claim_id);
    }
    let parts: Vec<String> = c
        .fields
        .iter()
        .map(|f| match (f.field, f.action) {
            (Field::Evidence, Action::Add) => format!(
                "evidence {} added ({})",
                f.evidence_id.unwrap_or_default(),
                value(&f.to)
            ),
            (Field::Evidence, _) => format!(
                "evidence {} removed ({})",
                f.evidence_id.unwrap_or_default(),
                value(&f.from)
            ),
            (Field::Note, Action::Add) => format!("note {} added", f.note_id.unwrap_or_default()),
            (Field::Note, _) => format!("note {} removed", f.note_id.unwrap_or_default()),
            (Field::Status | Field::Verdict | Field::Assignee, _) => {
                format!("{} {} -> {}", f.field, value(&f.from), value(&f.to))
            }
            (Field::PublishedAt, _) => format!("published_at {}", value(&f.to)),
            (field, _) if f.to.is_some() => format!("{field} set"),
            (field, _) => format!("{field} cleared"),
        })
        .collect();
    let mut line = format!("claim {}: {}", c.claim_id, parts.join(", "));
    if let Some(rev) = c.undoes {
        line.push_str(&format!(" (undoes revision {rev})"));
    }
    if c.forced {
        line.push_str(" (forced)");
    }
    line
}
