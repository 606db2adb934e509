//! The fact-checking workflow as data plus one function: which status may follow which
//! ([`TRANSITIONS`]), what each move requires, and [`check_transition`], which says yes or
//! explains no. Verdict changes have their own one-line rule ([`check_verdict_change`]), and
//! [`authorize`] applies the `--force --note` override.
//!
//! The rules (issue 4):
//! - `unverified -> in_progress | dismissed`; `in_progress -> in_review | unverified | dismissed`;
//!   `in_review -> published | in_progress` (sent back); `published -> in_progress` only when
//!   reopened with a note; `dismissed -> unverified`.
//! - Moving to `in_review` needs a verdict; moving to `published` needs a verdict, a rating
//!   explanation and at least one piece of evidence.
//! - Changing the verdict of a `published` claim needs a reopen.
//! - A forced change (`force` plus a note) overrides any rule and is recorded as forced.
//!
//! Pure: no I/O; the store calls these inside the write transaction, with the claim's current
//! state, so a rule is checked against exactly what the change will modify.

use crate::{Status, Verdict};

/// Every allowed move, as `(from, allowed next statuses)`. Moving to the same status is not a
/// transition (nothing is recorded). `published -> in_progress` additionally needs
/// [`TransitionContext::reopen`] and a note.
pub const TRANSITIONS: &[(Status, &[Status])] = &[
    (Status::Unverified, &[Status::InProgress, Status::Dismissed]),
    (
        Status::InProgress,
        &[Status::InReview, Status::Unverified, Status::Dismissed],
    ),
    (Status::InReview, &[Status::Published, Status::InProgress]),
    (Status::Published, &[Status::InProgress]),
    (Status::Dismissed, &[Status::Unverified]),
];

/// The statuses that may follow `from` (see [`TRANSITIONS`]).
pub fn allowed_next(from: Status) -> &'static [Status] {
    TRANSITIONS
        .iter()
        .find(|(s, _)| *s == from)
        .map(|(_, next)| *next)
        .unwrap_or(&[])
}

/// What a rule may need to know about the claim and the request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransitionContext {
    /// The claim's verdict after the change (a verdict set in the same command counts).
    pub verdict: Option<Verdict>,
    /// The claim has a non-empty rating explanation.
    pub has_explanation: bool,
    /// Number of pieces of evidence on the claim (not counting removed ones).
    pub evidence: usize,
    /// The request says `--reopen`.
    pub reopen: bool,
    /// The request carries a non-empty note (why).
    pub has_note: bool,
}

/// Why a change is refused. Messages are lower-case, name the values involved and say what
/// would make the change acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// `from -> to` is not in [`TRANSITIONS`]; `allowed` lists the statuses that may follow.
    #[error("cannot move from {from} to {to}; allowed next: {}", list(allowed))]
    NotAllowed {
        /// Current status.
        from: Status,
        /// Requested status.
        to: Status,
        /// What may follow `from` ([`allowed_next`]).
        allowed: Vec<Status>,
    },
    /// Moving to `to` (`in_review` or `published`) needs a verdict.
    #[error("moving to {to} needs a verdict; set one first")]
    NeedsVerdict {
        /// Requested status.
        to: Status,
    },
    /// Publishing needs a rating explanation.
    #[error("moving to published needs a rating explanation (verdict --explanation)")]
    NeedsExplanation,
    /// Publishing needs at least one piece of evidence.
    #[error("moving to published needs at least one piece of evidence (evidence add)")]
    NeedsEvidence,
    /// Leaving `published` (to `in_progress`) needs `--reopen` and a note.
    #[error("a published claim moves back to in_progress only with --reopen and a note")]
    NeedsReopen,
    /// Changing the verdict of a published claim needs `--reopen`.
    #[error("the verdict of a published claim changes only with --reopen")]
    VerdictNeedsReopen,
    /// `--force` was given without a note: a forced change must say why.
    #[error("--force needs a --note saying why")]
    ForceNeedsNote,
}

fn list(statuses: &[Status]) -> String {
    if statuses.is_empty() {
        return "none".to_owned();
    }
    statuses
        .iter()
        .map(Status::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the move `from -> to` against [`TRANSITIONS`] and the requirements of the target
/// status. `from == to` is always `Ok` (not a move). `--force` is not considered here: see
/// [`authorize`].
///
/// Errors: [`WorkflowError::NotAllowed`] (listing the allowed next statuses),
/// [`WorkflowError::NeedsVerdict`], [`WorkflowError::NeedsExplanation`],
/// [`WorkflowError::NeedsEvidence`], [`WorkflowError::NeedsReopen`].
pub fn check_transition(
    from: Status,
    to: Status,
    ctx: &TransitionContext,
) -> Result<(), WorkflowError> {
    if from == to {
        return Ok(());
    }
    let allowed = allowed_next(from);
    if !allowed.contains(&to) {
        return Err(WorkflowError::NotAllowed {
            from,
            to,
            allowed: allowed.to_vec(),
        });
    }
    if from == Status::Published && !(ctx.reopen && ctx.has_note) {
        return Err(WorkflowError::NeedsReopen);
    }
    match to {
        Status::InReview if ctx.verdict.is_none() => Err(WorkflowError::NeedsVerdict { to }),
        Status::Published if ctx.verdict.is_none() => Err(WorkflowError::NeedsVerdict { to }),
        Status::Published if !ctx.has_explanation => Err(WorkflowError::NeedsExplanation),
        Status::Published if ctx.evidence == 0 => Err(WorkflowError::NeedsEvidence),
        _ => Ok(()),
    }
}

/// Checks a change of verdict (or of its explanation, summary or URL) on a claim in `status`:
/// refused on a `published` claim unless [`TransitionContext::reopen`].
///
/// Errors: [`WorkflowError::VerdictNeedsReopen`].
pub fn check_verdict_change(status: Status, ctx: &TransitionContext) -> Result<(), WorkflowError> {
    if status == Status::Published && !ctx.reopen {
        return Err(WorkflowError::VerdictNeedsReopen);
    }
    Ok(())
}

/// Applies the `--force --note` override to the outcome of a rule check. Returns `Ok(false)`
/// when the rule allowed the change, `Ok(true)` when it refused but `force` with a note
/// overrides it (record the change as forced), and the rule's error otherwise.
///
/// Errors: the rule's own error when not forced; [`WorkflowError::ForceNeedsNote`] when
/// `force` is given without a note.
pub fn authorize(
    rule: Result<(), WorkflowError>,
    force: bool,
    has_note: bool,
) -> Result<bool, WorkflowError> {
    if force && !has_note {
        return Err(WorkflowError::ForceNeedsNote);
    }
    match rule {
        Ok(()) => Ok(false),
        Err(_) if force => Ok(true),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn ready() -> TransitionContext {
        TransitionContext {
            verdict: Some(Verdict::False),
            has_explanation: true,
            evidence: 1,
            reopen: false,
            has_note: false,
        }
    }

    #[test]
    fn table_lists_every_status_once() {
        for s in Status::ALL {
            assert_eq!(TRANSITIONS.iter().filter(|(f, _)| f == s).count(), 1, "{s}");
        }
    }

    #[test]
    fn allowed_moves_pass_when_requirements_hold() {
        let ctx = ready();
        for (from, to) in [
            (Unverified, InProgress),
            (Unverified, Dismissed),
            (InProgress, InReview),
            (InProgress, Unverified),
            (InProgress, Dismissed),
            (InReview, Published),
            (InReview, InProgress),
            (Dismissed, Unverified),
        ] {
            assert_eq!(check_transition(from, to, &ctx), Ok(()), "{from} -> {to}");
        }
        let reopen = TransitionContext {
            reopen: true,
            has_note: true,
            ..ready()
        };
        assert_eq!(check_transition(Published, InProgress, &reopen), Ok(()));
    }

    #[test]
    fn every_move_outside_the_table_is_refused_with_the_allowed_list() {
        let ctx = ready();
        for &from in Status::ALL {
            for &to in Status::ALL {
                if from == to || allowed_next(from).contains(&to) {
                    continue;
                }
                let err = check_transition(from, to, &ctx).unwrap_err();
                assert_eq!(
                    err,
                    WorkflowError::NotAllowed {
                        from,
                        to,
                        allowed: allowed_next(from).to_vec()
                    }
                );
            }
        }
        let err = check_transition(Unverified, Published, &ctx).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot move from unverified to published; allowed next: in_progress, dismissed"
        );
    }

    #[test]
    fn same_status_is_not_a_move() {
        for &s in Status::ALL {
            assert_eq!(
                check_transition(s, s, &TransitionContext::default()),
                Ok(())
            );
        }
    }

    #[test]
    fn review_needs_a_verdict() {
        let ctx = TransitionContext {
            verdict: None,
            ..ready()
        };
        assert_eq!(
            check_transition(InProgress, InReview, &ctx),
            Err(WorkflowError::NeedsVerdict { to: InReview })
        );
    }

    #[test]
    fn publishing_needs_verdict_explanation_and_evidence() {
        let no_verdict = TransitionContext {
            verdict: None,
            ..ready()
        };
        assert_eq!(
            check_transition(InReview, Published, &no_verdict),
            Err(WorkflowError::NeedsVerdict { to: Published })
        );
        let no_explanation = TransitionContext {
            has_explanation: false,
            ..ready()
        };
        assert_eq!(
            check_transition(InReview, Published, &no_explanation),
            Err(WorkflowError::NeedsExplanation)
        );
        let no_evidence = TransitionContext {
            evidence: 0,
            ..ready()
        };
        assert_eq!(
            check_transition(InReview, Published, &no_evidence),
            Err(WorkflowError::NeedsEvidence)
        );
    }

    #[test]
    fn leaving_published_needs_reopen_and_a_note() {
        for (reopen, has_note) in [(false, false), (true, false), (false, true)] {
            let ctx = TransitionContext {
                reopen,
                has_note,
                ..ready()
            };
            assert_eq!(
                check_transition(Published, InProgress, &ctx),
                Err(WorkflowError::NeedsReopen),
                "reopen {reopen} note {has_note}"
            );
        }
        let ctx = TransitionContext {
            reopen: true,
            has_note: true,
            ..ready()
        };
        assert!(matches!(
            check_transition(Published, Dismissed, &ctx),
            Err(WorkflowError::NotAllowed { .. })
        ));
    }

    #[test]
    fn verdict_of_a_published_claim_needs_reopen() {
        assert_eq!(
            check_verdict_change(Published, &ready()),
            Err(WorkflowError::VerdictNeedsReopen)
        );
        let reopen = TransitionContext {
            reopen: true,
            ..ready()
        };
        assert_eq!(check_verdict_change(Published, &reopen), Ok(()));
        for &s in Status::ALL.iter().filter(|s| **s != Published) {
            assert_eq!(check_verdict_change(s, &ready()), Ok(()), "{s}");
        }
    }

    #[test]
    fn force_with_a_note_overrides_and_is_reported() {
        let refused = check_transition(Unverified, Published, &TransitionContext::default());
        assert_eq!(authorize(refused.clone(), true, true), Ok(true));
        assert_eq!(
            authorize(refused.clone(), false, true),
            Err(refused.clone().unwrap_err())
        );
        assert_eq!(
            authorize(refused, true, false),
            Err(WorkflowError::ForceNeedsNote)
        );
        assert_eq!(authorize(Ok(()), false, false), Ok(false));
        assert_eq!(
            authorize(Ok(()), true, true),
            Ok(false),
            "nothing overridden"
        );
        assert_eq!(
            authorize(Ok(()), true, false),
            Err(WorkflowError::ForceNeedsNote)
        );
    }
}
