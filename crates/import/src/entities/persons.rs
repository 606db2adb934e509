//! Person rules: given name + surname, titles and honorifics, apposition, the named subject of a
//! reporting verb, surnames of persons named in full elsewhere, and English and French titles.

use super::*;

/// True when the word at `k` is a given name (`محمد`, `الحسن`: with or without `ال`), or the
/// name after `عبد` (`عبد الله`).
pub(super) fn is_given_name(cx: &Cx, k: usize) -> bool {
    let lex = lexicon();
    cx.word(k).is_some_and(|w| {
        let bare = w.strip_prefix("ال").unwrap_or(w);
        lex.first_names.contains(w)
            || lex.first_names.contains(bare)
            || (k > 0 && cx.word(k - 1) == Some("عبد"))
    })
}

/// True when folded word `w` can be part of a name (not a stopword, title or punctuation).
pub(super) fn name_word(w: &str) -> bool {
    let lex = lexicon();
    !lex.stopwords.contains(w)
        && !lex.titles.contains(w)
        && !lex.org_heads.contains(w)
        && w.chars().count() >= 2
}

pub(super) fn person_rules(cx: &mut Cx, ctx: &ArticleContext) {
    let lex = lexicon();
    let t = cx.t;
    let n = t.len();
    for i in 0..n {
        // From `t`, not `cx`: the readings must outlive the pushes below.
        let Some(w) = t
            .get(i)
            .filter(|x| x.kind == TokenKind::Word)
            .map(|x| x.fold.as_str())
        else {
            continue;
        };
        let readings = t[i].readings();
        let after_honorific = i > 0 && {
            let mut k = i - 1;
            // `الرئيس الأمريكي جو بايدن`: skip one nisba adjective after the title (but not a
            // title that itself ends in ي: `المحامي ناصر التويم`).
            if k > 0
                && cx.word(k).is_some_and(|x| {
                    x.starts_with("ال")
                        && (x.ends_with('ي') || x.ends_with("يه"))
                        && !lex.honorifics.contains(x)
                })
                && !t[k].is_punct('.')
            {
                k -= 1;
            }
            cx.word(k).is_some_and(|x| lex.honorifics.contains(x))
                || (t[i - 1].is_punct('.') && i >= 2 && cx.word(i - 2) == Some("د"))
        };
        // P1: given name (or عبد + word) + surname.
        let given = readings.iter().find_map(|(p, s, _)| {
            if s == "عبد" || s == "ابو" {
                cx.word(i + 1).filter(|x| name_word(x)).map(|_| (p, 2usize))
            } else if lex.first_names.contains(s)
                && (!lex.ambiguous_names.contains(s) || after_honorific)
            {
                Some((p, 1usize))
            } else {
                None
            }
        });
        // `على` folds to `علي`: the preposition is never the name.
        if cx.raw(i).ends_with('ى') && w.ends_with("علي") {
            continue;
        }
        let given = given.or_else(|| {
            (after_honorific && name_word(w) && !w.starts_with("ال")).then_some((0, 1))
        });
        if let Some((prefix, glen)) = given {
            let mut last = i + glen - 1;
            // A surname never starts with the conjunction و unless it is itself a given name
            // (in `الشيخ رضوان وشارع النفق` the name stops at رضوان).
            let surname = cx.word(last + 1).filter(|x| {
                name_word(x)
                    && t[last + 1].space_before
                    && (!x.starts_with('و') || lex.first_names.contains(*x))
            });
            if let Some(x) = surname {
                last += 1;
                // Compound surnames: `بن سلمان`, `ولد الغزواني`, `عبد الغفار`, `أبو الغيط`.
                if matches!(
                    x,
                    "بن" | "ابن" | "ولد" | "بنت" | "ايت" | "بو" | "عبد" | "ابو"
                ) && cx.word(last + 1).is_some_and(name_word)
                {
                    last += 1;
                } else if (x.starts_with("ال") || lex.first_names.contains(x) || given_only(cx, i))
                    && family_name_at(cx, last + 1)
                {
                    // A compound given name and the family name: `فاطمة الزهراء المنصوري إن`,
                    // `مولاي حفيظ العلمي`; a given name, the father's and the family name:
                    // `نادية فتاح العلوي أن`.
                    last += 1;
                }
            }
            if last > i || after_honorific {
                let value = cx.span_text(i, last, prefix);
                cx.push(i, last, prefix, EntityKind::Person, Some(value), false);
            }
        }
        // P4: surname of a person named in full elsewhere in the article.
        for (prefix, stem, _) in &readings {
            if let Some(full) = ctx.surnames.get(stem) {
                cx.push(i, i, prefix, EntityKind::Person, Some(full.clone()), false);
                break;
            }
        }
    }
    // P5: `TITLE [ال-word]{0,2} X Y` then punctuation, a quote or the end
    // (`وزير الخارجية الايطالي باولو جينتيلوني "…"`).
    for i in 0..n {
        let Some(readings) = cx.readings(i) else {
            continue;
        };
        if !readings.iter().any(|(_, s, _)| lex.titles.contains(s)) {
            continue;
        }
        let mut k = i + 1;
        while k < i + 3
            && cx
                .word(k)
                .is_some_and(|x| x.starts_with("ال") && name_word(x))
        {
            k += 1;
        }
        let (Some(a), Some(b)) = (cx.word(k), cx.word(k + 1)) else {
            continue;
        };
        let plain = |x: &str| name_word(x) && !x.starts_with("ال") && !lex.org_heads.contains(x);
        let ends = t.get(k + 2).is_none_or(|x| x.kind == TokenKind::Punct);
        if k > i + 1 && plain(a) && plain(b) && ends && t[k].space_before && t[k + 1].space_before {
            let value = cx.span_text(k, k + 1, 0);
            cx.push(k, k + 1, 0, EntityKind::Person, Some(value), false);
        }
    }
    // P2: apposition `X Y، TITLE …` (`أفريل هاينز، مديرة …`).
    for (c, comma) in t.iter().enumerate().skip(1) {
        if !(comma.is_punct('،') || comma.is_punct(',')) {
            continue;
        }
        let Some(next) = cx.word(c + 1) else { continue };
        // The title itself, without a conjunction: `، والوزير قال` coordinates, it is no
        // apposition (`الحكومة كذبت علينا، والوزير قال إن …`).
        if !clitic_readings(next)
            .iter()
            .any(|(p, s, _)| lex.titles.contains(s) && (p == 0 || !next.starts_with(['و', 'ف'])))
            || c < 2
        {
            continue;
        }
        let (a, b) = (c - 2, c - 1);
        let (Some(wa), Some(wb)) = (cx.word(a), cx.word(b)) else {
            continue;
        };
        if !name_word(wa) || !name_word(wb) || wa.starts_with("ال") || wb.starts_with("لل") {
            continue;
        }
        let mut first = a;
        let mut prefix = clitic_readings(wa)
            .iter()
            .find(|(_, s, _)| lex.first_names.contains(*s))
            .map_or(0, |r| r.0);
        if a > 0 && matches!(cx.word(a - 1), Some("عبد" | "ابو" | "بن")) {
            first = a - 1;
            prefix = 0;
        }
        let value = cx.span_text(first, b, prefix);
        cx.push(first, b, prefix, EntityKind::Person, Some(value), false);
    }
    speaker_rule(cx);
}

/// Nouns that stand as the unnamed subject of a reporting verb before a genitive (`مصدر أمني`,
/// `مصادر الشرطة`, `بيان الوزارة`, `تقرير الهيئة`, `وسائل الإعلام`): never the first word of a
/// speaker's name. Folded. Hand-compiled.
pub(super) const SOURCE_NOUNS: &[&str] = &[
    "مصدر",
    "مصادر",
    "بيان",
    "بلاغ",
    "تقرير",
    "تقارير",
    "دراسه",
    "وسائل",
    "مسؤول",
    "مسؤولو",
    "مسؤولي",
    "مسؤولون",
    "اعضاء",
    "عضو",
    "شهود",
    "شاهد",
    "خبير",
    "خبراء",
    "محلل",
    "محللون",
    "نشطاء",
    "سكان",
    "مواطنون",
    "مراقبون",
    "متحدث",
    "ناطق",
    "احصاءات",
    "معطيات",
    "ارقام",
    "بيانات",
    "وثيقه",
    "رساله",
    "مراسل",
    "موقع",
    "صحيفه",
    "جريده",
    "قناه",
    "حساب",
    "عدد",
];

/// True when the word at `k` can be a family name ending a name (`المنصوري`, `الوردي`): a
/// definite name word that is not a date word, followed by the end of the clause (punctuation,
/// a quote, a complementizer `إن`/`أن` or the end), possibly after an adverb (`أمس إن`).
pub(super) fn family_name_at(cx: &Cx, k: usize) -> bool {
    let Some(w) = cx.word(k).filter(|_| cx.t[k].space_before) else {
        return false;
    };
    let ends_at = |j: usize| match cx.t.get(j) {
        None => true,
        Some(x) if x.kind == TokenKind::Punct => true,
        Some(x) => crate::claimant::COMPLEMENTIZERS.contains(&x.fold.as_str()),
    };
    let adverb = cx
        .word(k + 1)
        .is_some_and(|x| crate::claimant::ADVERBS.contains(&x));
    w.starts_with("ال")
        && name_word(w)
        && !crate::claimant::ADVERBS.contains(&w)
        && (ends_at(k + 1) || (adverb && ends_at(k + 2)))
        && dates::weekday(w).is_none()
        && month_name_only(cx.t, k).is_none()
}

/// True when the word at `i` is a given name that is never a surname on its own (`نادية`,
/// `مولاي`): what follows it is a father's or family name, so a three-part name goes on.
fn given_only(cx: &Cx, i: usize) -> bool {
    cx.word(i).is_some_and(|w| {
        w == "مولاي" || (lexicon().first_names.contains(w) && !lexicon().ambiguous_names.contains(w))
    })
}

/// Words that join the parts of an Arabic name (`محمد ولد الرشيد`, `سلمى بن عزوز`, `مولاي حفيظ`,
/// `عبد الرحمن`). Folded.
const NAME_PARTICLES: &[&str] = &["بن", "ابن", "بنت", "ولد", "ايت", "ابو", "عبد", "مولاي"];

/// Darija addressees between a verb and its subject (`قال ليا سعيد الوردي بلي`). Folded.
const ADDRESSEES: &[&str] = &["ليا", "لي", "لينا", "لنا", "ليه", "ليها"];

/// Dashes that open and close an apposition (`سعيد الوردي – الناطق باسم الحكومة – إن`).
fn is_dash(x: &Token) -> bool {
    x.kind == TokenKind::Punct && x.fold.starts_with(['-', '–', '—'])
}

/// The end of a speaker's name after a reporting verb, searched from token `from`: `(name_end,
/// end)`, where `end` is a colon, a quotation mark, a complementizer (`إن`, `أن`, `بلي`) or
/// `قائلا`, and `name_end` (exclusive) is where the name stops. Between the two may stand an adverb
/// (`أمس`), the addressee (`لـ«هسبريس»`), an age in brackets (`(45 عاما)`) or an apposition
/// between dashes (`– الناطق باسم الحكومة –`). `None` when no such end follows within ten tokens
/// of name and three insertions.
fn subject_end(cx: &Cx, from: usize) -> Option<(usize, usize)> {
    let t = cx.t;
    let find = |from: usize, limit: usize, p: &dyn Fn(&Token) -> bool| {
        (from..t.len().min(from + limit)).find(|&j| p(&t[j]))
    };
    let mut k = from;
    let mut name_end = None;
    let mut inserts = 0;
    while k < t.len() && k < from + 10 && inserts <= 3 {
        let x = &t[k];
        let insertion_start = name_end.unwrap_or(k);
        match x.kind {
            TokenKind::Word if crate::claimant::COMPLEMENTIZERS.contains(&x.fold.as_str()) => {
                return Some((insertion_start, k));
            }
            // `شدد سعيد الوردي على أن`: the preposition of the verb, then the complementizer.
            TokenKind::Word
                if cx.raw(k).ends_with('ى')
                    && x.fold == "علي"
                    && t.get(k + 1).is_some_and(|n| {
                        crate::claimant::COMPLEMENTIZERS.contains(&n.fold.as_str())
                    }) =>
            {
                return Some((insertion_start, k + 1));
            }
            TokenKind::Word if k > from && crate::claimant::ADVERBS.contains(&x.fold.as_str()) => {
                name_end.get_or_insert(k);
                k += 1;
            }
            // `لـ«هسبريس»`: the addressee of the statement, a preposition and a quoted name.
            TokenKind::Word
                if matches!(x.fold.as_str(), "ل" | "لـ")
                    && t.get(k + 1).is_some_and(|q| q.is_punct('«')) =>
            {
                let close = find(k + 2, 6, &|q: &Token| q.is_punct('»'))?;
                name_end.get_or_insert(k);
                inserts += 1;
                k = close + 1;
            }
            TokenKind::Word if name_end.is_none() => k += 1,
            TokenKind::Word | TokenKind::Number => return None,
            TokenKind::Punct if x.fold.starts_with([':', '«', '“', '”', '"', '‹', '„']) => {
                return Some((insertion_start, k));
            }
            TokenKind::Punct if x.is_punct('(') => {
                let close = find(k + 1, 8, &|q: &Token| q.is_punct(')'))?;
                name_end.get_or_insert(k);
                inserts += 1;
                k = close + 1;
            }
            TokenKind::Punct if is_dash(x) && x.space_before => {
                let close = find(k + 1, 10, &|q: &Token| is_dash(q))?;
                name_end.get_or_insert(k);
                inserts += 1;
                k = close + 1;
            }
            TokenKind::Punct => return None,
        }
    }
    None
}

/// P6: the named subject of a reporting verb, whether or not a name list knows it: `VERB [TITLE
/// …] X Y` right before `:` (and a quotation), a quotation mark or `إن`/`أن`/`بأن` (`وقال سعيد
/// الوردي: «…»`, `وقالت الناطقة باسم الحكومة سعاد الفاسي إن`), an adverb, the addressee, an age
/// or an apposition allowed in between (see [`subject_end`]); also the inverted order after a
/// quotation, `«…»، قال X Y.` X is no definite word, source noun, title, organisation head or
/// preposition; Y is a name word. Without a title, X must be a known given name (ambiguous ones
/// included: the subject position settles them) or Y a family name in `ال…ي` (`الوردي`), so
/// `وقال مصدر أمني إن` and `أكد تقرير الهيئة أن` give no person. Given names and particles before
/// X belong to the name (`نادية فتاح العلوي`, `محمد ولد الرشيد`), up to four words.
pub(super) fn speaker_rule(cx: &mut Cx) {
    let lex = lexicon();
    let t = cx.t;
    for v in 0..t.len() {
        let verb = crate::claimant::role_of(&t[v])
            .is_some_and(|(r, _)| r == crate::claimant::Role::Verb)
            && t[v]
                .fold
                .chars()
                .any(|c| ('\u{0621}'..='\u{064A}').contains(&c) || c == 'گ');
        if !verb {
            continue;
        }
        // The subject starts past adverbs and a Darija addressee (`قال أمس`, `قال ليا`).
        let mut s0 = v + 1;
        while cx
            .word(s0)
            .is_some_and(|w| crate::claimant::ADVERBS.contains(&w) || ADDRESSEES.contains(&w))
        {
            s0 += 1;
        }
        // After a quotation, the inverted order `«…»، قال سعيد الوردي.` ends at the sentence end.
        let inverted = || {
            let mut p = v;
            while p > 0 && (t[p - 1].is_punct('،') || t[p - 1].is_punct(',')) {
                p -= 1;
            }
            p > 0 && t[p - 1].kind == TokenKind::Punct && t[p - 1].fold.starts_with(['»', '”', '"'])
        };
        let ends = subject_end(cx, s0).or_else(|| {
            // The sentence's final stop is trimmed off: its end counts as one.
            let e = (s0..t.len())
                .find(|&k| t[k].kind != TokenKind::Word)
                .unwrap_or(t.len());
            let stop = t.get(e).is_none_or(|x| x.fold.starts_with(['.', '،', ',']));
            (e <= s0 + 3 && stop && inverted()).then_some((e, e))
        });
        let Some((name_end, _)) = ends else {
            continue;
        };
        if name_end < s0 + 2 {
            continue;
        }
        let (a, b) = (name_end - 2, name_end - 1);
        let (Some(x), Some(y)) = (cx.word(a), cx.word(b)) else {
            continue;
        };
        if !t[a].space_before || !t[b].space_before {
            continue;
        }
        let governed = clitic_readings(x).iter().any(|(p, s, _)| {
            p > 0
                && (s.starts_with("ال")
                    || lex.org_heads.contains(s)
                    || lex.titles.contains(s)
                    || lex.stopwords.contains(s))
        });
        let plain = |w: &str| {
            name_word(w)
                && !lex.honorifics.contains(w)
                && !crate::claimant::PREPOSITIONS.contains(&w)
                && dates::weekday(w).is_none()
                && numbers::cardinal(w).is_none()
                && numbers::tens(w).is_none()
        };
        // `عامل إقليم الجديدة`: a title, then a place, not a name.
        let place = SETTLEMENT_HEADS.contains(&x)
            || DIRECTIONS.contains(&x)
            || lex
                .places
                .starting_with(y)
                .iter()
                .any(|(w, _)| w.len() == 1);
        if x.starts_with("ال")
            || governed
            || place
            || SOURCE_NOUNS.contains(&x)
            || !(plain(x) || NAME_PARTICLES.contains(&x))
            || !plain(y)
            || month_name_only(t, a).is_some()
            || month_name_only(t, b).is_some()
        {
            continue;
        }
        let titled = a > s0
            && cx.word(s0).is_some_and(|w| {
                clitic_readings(w)
                    .iter()
                    .any(|(_, s, _)| lex.titles.contains(s) || lex.honorifics.contains(s))
            });
        // Given names and particles before X belong to the name: `نادية فتاح العلوي`, `محمد
        // ولد الرشيد`, `فاطمة الزهراء بنت محمد المنصوري` (at most five words).
        let mut first = a;
        while first > s0
            && b + 1 - first < 5
            && t[first].space_before
            && cx.word(first - 1).is_some_and(|w| {
                // A definite given name only as the second of a compound (`فاطمة الزهراء`),
                // known as one or before a particle (`فاطمة الزهراء بنت محمد`).
                let before_particle = cx.word(first).is_some_and(|p| NAME_PARTICLES.contains(&p));
                let compound = w.strip_prefix("ال").is_some_and(|bare| {
                    (lex.first_names.contains(bare) || before_particle)
                        && first >= 2
                        && cx
                            .word(first - 2)
                            .is_some_and(|g| lex.first_names.contains(g))
                });
                (lex.first_names.contains(w) || NAME_PARTICLES.contains(&w) || compound)
                    && !SOURCE_NOUNS.contains(&w)
                    || (first >= 2 && cx.word(first - 2) == Some("عبد"))
            })
        {
            first -= 1;
        }
        // A particle never starts a name on its own (`ولد الرشيد` without `محمد`), `مولاي` and
        // `عبد` aside.
        if matches!(cx.word(first), Some(w) if NAME_PARTICLES.contains(&w) && !matches!(w, "مولاي" | "عبد"))
        {
            continue;
        }
        // Without a title, only the name itself may stand between the verb and the end.
        if first > s0 && !titled {
            continue;
        }
        let given = lex.first_names.contains(cx.word(first).unwrap_or_default())
            || lex.first_names.contains(x);
        let family = y.starts_with("ال") && y.ends_with('ي') && y.chars().count() >= 5;
        if titled || given || family {
            let value = cx.span_text(first, b, 0);
            cx.push(first, b, 0, EntityKind::Person, Some(value), false);
        }
    }
}

/// Collects the full names (two words or more) of persons in the article, for surname mentions.
/// True when a word of `t` (or one of its clitic readings) is a surname of
/// [`ArticleContext::surnames`]: the only way the context's persons change what [`extract`] finds.
pub(crate) fn mentions_surname(t: &[Token], ctx: &ArticleContext) -> bool {
    !ctx.surnames.is_empty()
        && t.iter().any(|x| {
            x.kind == TokenKind::Word
                && x.readings()
                    .iter()
                    .any(|(_, s, _)| ctx.surnames.contains_key(s))
        })
}

pub(crate) fn collect_surnames(entities: &[Entity]) -> HashMap<String, String> {
    let mut map = HashMap::default();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let value = e.value.clone().unwrap_or_else(|| e.text.clone());
        let folded = crate::text::fold(&value);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let surname = words[words.len() - 1];
        if surname.chars().count() < 4
            || lexicon().first_names.contains(surname)
            || numbers::unit_ordinal(surname).is_some()
        {
            continue;
        }
        let bare = surname.strip_prefix("ال").unwrap_or(surname).to_string();
        map.entry(bare.clone()).or_insert_with(|| value.clone());
        map.entry(format!("ال{bare}")).or_insert(value);
    }
    map
}

/// The end of a Latin name starting at token `first`: `(last, strong)`, where `last` is the
/// token index of its last capitalised word (or of the dot after `Jr.`/`Sr.`), and `strong` says
/// the name carries a mark only person names have: a middle initial (`Daniel K. Morrow`), a
/// hyphenated given name (`Jean-Pierre`), a particle (`de la Fontaine`) or `Jr.`. At most five
/// capitalised words; another title or a month ends it.
fn latin_name_end(cx: &Cx, first: usize) -> Option<(usize, bool)> {
    let t = cx.t;
    let mut k = first;
    let mut last = None;
    let mut strong = false;
    let mut after_particle = false;
    while k < t.len() && k - first < 8 {
        let raw = cx.raw(k);
        if t[k].kind == TokenKind::Word && lang::is_capitalised(raw) {
            // A middle initial and its dot (`Daniel K. Morrow`, `Jean-Paul M. Durand`: `M` is no
            // title here), when the name goes on.
            let initial = raw.chars().count() == 1
                && last.is_some()
                && t.get(k + 1)
                    .is_some_and(|x| x.is_punct('.') && !x.space_before)
                && t.get(k + 2).is_some_and(|x| {
                    x.kind == TokenKind::Word
                        && x.space_before
                        && lang::is_capitalised(cx.raw(k + 2))
                });
            if initial {
                last = Some(k);
                strong = true;
                k += 2;
                continue;
            }
            // Another title or a month is not part of the name.
            if lang::LATIN_TITLES.contains(&raw) || latin_month_at(cx.text, t, k).is_some() {
                break;
            }
            if matches!(raw, "Jr" | "Sr") && last.is_some() {
                last = Some(k);
                strong = true;
                if t.get(k + 1)
                    .is_some_and(|x| x.is_punct('.') && !x.space_before)
                {
                    last = Some(k + 1);
                }
                break;
            }
            last = Some(k);
            strong |= after_particle;
            k += 1;
        } else if t[k].kind == TokenKind::Word
            && lang::NAME_PARTICLES.contains(&raw)
            && last.is_some()
        {
            after_particle = true;
            k += 1;
        } else if t[k].is_punct('-')
            && !t[k].space_before
            && t.get(k + 1).is_some_and(|x| !x.space_before)
            && last == Some(k - 1)
        {
            strong = true;
            k += 1; // `Jean-Yves`
        } else {
            break;
        }
    }
    last.map(|l| (l, strong))
}

/// Capitalised heads of places and bodies that are often named after a person (`John F. Kennedy
/// Airport`, `Banque de France`, `Université Jean-Monnet`): a name holding one is no person.
/// Hand-compiled from English and French press usage.
const LATIN_PLACE_AND_BODY_HEADS: &[&str] = &[
    "Airport",
    "Aéroport",
    "Bank",
    "Banque",
    "University",
    "Université",
    "College",
    "School",
    "École",
    "Hospital",
    "Hôpital",
    "Center",
    "Centre",
    "Institute",
    "Institut",
    "Foundation",
    "Fondation",
    "Stadium",
    "Stade",
    "Street",
    "Avenue",
    "Boulevard",
    "Rue",
    "Square",
    "Place",
    "Park",
    "Parc",
    "Bridge",
    "Pont",
    "Station",
    "Gare",
    "Ministry",
    "Ministère",
    "Company",
    "Group",
    "Groupe",
    "Corporation",
    "Inc",
    "Ltd",
    "Agency",
    "Agence",
    "Museum",
    "Musée",
    "Library",
    "Port",
    "Lycée",
];

/// English and French persons: a title (`President`, `Mr`, `M.`, `le président`, see
/// [`lang::LATIN_TITLES`]) followed by capitalised words (`President Joe Biden`, `M. Emmanuel
/// Macron`), name particles allowed inside (`Ursula von der Leyen`). At most five words. Without
/// a title, a name that carries a person's mark (see [`latin_name_end`]: `John F. Kennedy Jr.`,
/// `Jean-Pierre de la Fontaine`) in a speaker's place: before a reporting verb (`said`, `a
/// déclaré`), after one (`"…," said Daniel K. Morrow`) or after `Selon`/`according to`.
pub(super) fn latin_person_rule(cx: &mut Cx) {
    let t = cx.t;
    for i in 0..t.len() {
        if t[i].kind != TokenKind::Word || !lang::LATIN_TITLES.contains(&cx.raw(i)) {
            continue;
        }
        let mut k = i + 1;
        if t.get(k).is_some_and(|x| x.is_punct('.') && !x.space_before) {
            k += 1;
        }
        // `General Assembly`, `Secretary General`: a title before an institution is not a name.
        if k < t.len() && lang::LATIN_INSTITUTION_WORDS.contains(&cx.raw(k)) {
            continue;
        }
        if let Some((last, _)) = latin_name_end(cx, k) {
            let value = cx.span_text(k, last, 0);
            cx.push(k, last, 0, EntityKind::Person, Some(value), false);
        }
    }
    // A Latin reporting verb or marker (`said`, `déclaré`, `selon`) at token `j`.
    let latin_cue = |j: usize| {
        t.get(j).is_some_and(|x| {
            x.fold.starts_with(|c: char| c.is_ascii_alphabetic())
                && crate::claimant::role_of(x).is_some()
        })
    };
    for i in 0..t.len() {
        let starts = t[i].kind == TokenKind::Word
            && lang::is_capitalised(cx.raw(i))
            && !(i > 0
                && t[i - 1].kind == TokenKind::Word
                && lang::is_capitalised(cx.raw(i - 1))
                && !latin_cue(i - 1))
            && !(i > 0 && t[i - 1].is_punct('-'));
        if !starts {
            continue;
        }
        let Some((last, true)) = latin_name_end(cx, i) else {
            continue;
        };
        // `John F. Kennedy Airport`, `Banque de France`: a place or institution named after a
        // person is none.
        if (i..=last).any(|k| {
            LATIN_PLACE_AND_BODY_HEADS.contains(&cx.raw(k))
                || lang::LATIN_INSTITUTION_WORDS.contains(&cx.raw(k))
        }) {
            continue;
        }
        let mut next = last + 1;
        if t.get(next).is_some_and(|x| x.is_punct(',')) {
            next += 1;
        }
        // Before the verb (`said`; `a déclaré`: the auxiliary, then the participle), or after a
        // verb or marker (`said X`, `selon X`, `according to X`).
        let before_verb = latin_cue(next) && t[next].fold != "selon"
            || (t.get(next).is_some_and(|x| x.fold == "a") && latin_cue(next + 1));
        let after_cue = i > 0
            && (latin_cue(i - 1)
                || (t[i - 1].fold == "to" && i > 1 && t[i - 2].fold == "according"));
        if before_verb || after_cue {
            let value = cx.span_text(i, last, 0);
            cx.push(i, last, 0, EntityKind::Person, Some(value), false);
        }
    }
}
