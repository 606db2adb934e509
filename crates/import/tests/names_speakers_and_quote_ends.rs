//! Review findings on issue 12's classes (items 3, 4, 9 and 10 tried on other inputs): names
//! cut short or missed (three-part names, particles, an adverb before `إن`, Latin initials,
//! `Jr.`, particles and hyphenated given names), speakers of other reporting verbs and word
//! orders (Darija `گال`, `أبرز`, `شدد على أن`, `تابع … قائلا`, the inverted `«…»، قال X.`, an
//! adverb, addressee, age or apposition between verb, name and complementizer), era marks
//! written with spaces, and narration after a quotation closed by a single quote or a question
//! mark. Each class is checked on the reviewer's inputs and on inputs of our own, end to end
//! through `claimtrack_import::import`; the unnamed sources that must stay unnamed are checked
//! in the same frames.

mod common;

use claimtrack_model::EntityKind;

/// The person texts of `input`.
fn persons(input: &str) -> Vec<String> {
    common::entities_published(input, "2025-03-10")
        .into_iter()
        .filter(|(k, _, _)| *k == EntityKind::Person)
        .map(|(_, t, _)| t)
        .collect()
}

/// `input` has `name` as a person and as the claimant of some claim.
fn assert_speaker(input: &str, name: &str) {
    assert!(
        persons(input).contains(&name.to_string()),
        "{input}: persons {:?}",
        persons(input)
    );
    assert!(
        common::claimants(input).contains(&Some(name.to_string())),
        "{input}: claimants {:?}",
        common::claimants(input)
    );
}

/// Item 4 (review 7): a name after a title or in a speaker's place keeps every part: given
/// names, the father's name, particles (`ولد`, `بن`, `بنت`, `ابن`, `مولاي`, `عبد`) and the family
/// name, also when an adverb stands before `إن`.
#[test]
fn arabic_names_keep_all_their_parts() {
    for (input, name) in [
        (
            "وكشفت وزيرة المالية نادية فتاح العلوي أن العجز بلغ 4 في المائة.",
            "نادية فتاح العلوي",
        ),
        (
            "وقالت الناطقة الرسمية باسم الحكومة سلمى بن عزوز إن 300 مدرسة ستفتح.",
            "سلمى بن عزوز",
        ),
        (
            "وقال الدكتور عمر بلقاسم العلمي إن 40 حالة سجلت.",
            "عمر بلقاسم العلمي",
        ),
        ("وقال محمد ولد الرشيد إن 20 نائبا غابوا.", "محمد ولد الرشيد"),
        (
            "وقال مولاي حفيظ العلمي إن الصادرات بلغت 30 مليارا.",
            "مولاي حفيظ العلمي",
        ),
        (
            "وقالت النائبة فاطمة الزهراء المنصوري أمس إن البطالة بلغت 13 في المائة.",
            "فاطمة الزهراء المنصوري",
        ),
        (
            "وقالت نادية فتاح العلوي إن النمو بلغ 3 في المائة.",
            "نادية فتاح العلوي",
        ),
        (
            "وقالت فاطمة الزهراء بنت محمد المنصوري إن 20 كتابا ضاعت.",
            "فاطمة الزهراء بنت محمد المنصوري",
        ),
        (
            "وقال عبد الرحمن ابن خلدون الإدريسي إن 20 كتابا ضاعت.",
            "عبد الرحمن ابن خلدون الإدريسي",
        ),
        // Our own: another three-part name after a title, an adverb after a two-part name.
        (
            "وأكد وزير الصحة خالد آيت الطالب أن 120 حالة سجلت.",
            "خالد آيت الطالب",
        ),
        (
            "وقال كريم الزرهوني اليوم إن 40 مدرسة أغلقت.",
            "كريم الزرهوني",
        ),
    ] {
        assert_speaker(input, name);
    }
}

/// Item 4 (review 7): Latin names keep several initials, `Jr.`, particles and hyphenated given
/// names, with a title or in a speaker's place (`X said`, `"…," said X`, `Selon X,`).
#[test]
fn latin_names_keep_initials_particles_and_hyphens() {
    for (input, name) in [
        (
            // Long enough for the language to be detected as English.
            "Governor Maria J. T. Alvarez said that 300 schools would close in the state in 2024.",
            "Maria J. T. Alvarez",
        ),
        (
            "John F. Kennedy Jr. said that 20 percent of voters stayed home.",
            "John F. Kennedy Jr.",
        ),
        (
            "Jean-Pierre de la Fontaine said that 40 farms closed in 2023.",
            "Jean-Pierre de la Fontaine",
        ),
        (
            "\"Unemployment fell to 4 percent in 2023,\" said Daniel K. Morrow.",
            "Daniel K. Morrow",
        ),
        (
            "Jean-Paul M. Durand a déclaré que 300 écoles fermeront en 2024.",
            "Jean-Paul M. Durand",
        ),
        (
            "Selon Fatima-Zahra El Mansouri, le chômage a atteint 13 pour cent en 2023.",
            "Fatima-Zahra El Mansouri",
        ),
        // Our own.
        (
            "According to Ana M. Lopez, 500 families left the city in 2022.",
            "Ana M. Lopez",
        ),
        (
            "Anna-Lena K. Smith told reporters that 12 ships sank near the port in 2021.",
            "Anna-Lena K. Smith",
        ),
    ] {
        assert_speaker(input, name);
    }
    // Capitalised words without a person's mark before a verb stay no person: an institution.
    for input in [
        "The World Bank said that growth reached 3 percent in 2023.",
        "Interpol said that 20 suspects were arrested in 2024.",
        "John F. Kennedy Airport said that 300 flights were cancelled.",
    ] {
        assert!(
            !persons(input)
                .iter()
                .any(|p| p.contains("Bank") || p.contains("Interpol") || p.contains("Airport")),
            "{input}: {:?}",
            persons(input)
        );
    }
}

/// Item 3 (review 8): speakers of other reporting verbs (Darija `گال`, `قال ليا … بلي`, `أبرز`,
/// `شدد على أن`, `تابع … قائلا`), in the inverted order after a quotation, and with an adverb,
/// the addressee, an age or a dash-delimited apposition in between.
#[test]
fn speakers_of_other_verbs_and_orders() {
    for (input, name) in [
        (
            "گال سعيد الوردي إن الحكومة غادي تنقص 5 في المية.",
            "سعيد الوردي",
        ),
        ("قال ليا سعيد الوردي بلي 20 واحد مات.", "سعيد الوردي"),
        ("گالت سعاد البقالي بلي 30 مدرسة تسدات.", "سعاد البقالي"),
        (
            "وتابع سعيد الوردي قائلا: «إن الحكومة ستخفض الضرائب بنسبة 5 في المائة».",
            "سعيد الوردي",
        ),
        ("وأبرز سعيد الوردي أن 40 مدرسة أغلقت.", "سعيد الوردي"),
        (
            "وشدد سعيد الوردي على أن الضرائب ستنخفض بنسبة 5 في المائة.",
            "سعيد الوردي",
        ),
        (
            "«ستنخفض الضرائب بنسبة 5 في المائة»، قال سعيد الوردي.",
            "سعيد الوردي",
        ),
        ("وقال أمس سعيد الوردي إن 40 مدرسة أغلقت.", "سعيد الوردي"),
        (
            "وقال سعيد الوردي لـ«هسبريس» إن 40 مدرسة أغلقت.",
            "سعيد الوردي",
        ),
        (
            "وقال سعيد الوردي (45 عاما) إن 40 مدرسة أغلقت.",
            "سعيد الوردي",
        ),
        (
            "وقال سعيد الوردي – الناطق باسم الحكومة – إن 40 مدرسة أغلقت.",
            "سعيد الوردي",
        ),
        // Our own: feminine forms, another addressee, another order.
        ("وأبرزت سعاد البقالي أن 12 مستشفى سيفتح.", "سعاد البقالي"),
        (
            "وقالت سعاد البقالي لـ«الأحداث المغربية» إن 12 مستشفى سيفتح.",
            "سعاد البقالي",
        ),
        (
            "«سنفتح 12 مستشفى هذا العام»، قالت سعاد البقالي.",
            "سعاد البقالي",
        ),
    ] {
        assert_speaker(input, name);
    }
    // Unnamed sources stay unnamed with the new verbs and orders: no person, no claimant.
    for input in [
        "وأبرز التقرير أن 30 في المائة من الشباب عاطلون.",
        "وشددت الدراسة على أن 40 مدرسة أغلقت.",
        "وقالت مصادر أمس إن 15 شخصا اعتقلوا.",
        "وقال شهود عيان لـ«هسبريس» إن 15 شخصا أصيبوا.",
        "وتابع هذا الأخير قائلا: «إن 20 مدرسة ستغلق».",
        "وأبرز بلاغ الوزارة أن 120 حالة سجلت.",
        "«ستنخفض الضرائب بنسبة 5 في المائة»، قال الوزير.",
    ] {
        assert!(persons(input).is_empty(), "{input}: {:?}", persons(input));
        assert!(
            common::claimants(input).iter().all(Option::is_none),
            "{input}: {:?}",
            common::claimants(input)
        );
    }
}

/// Item 9 (review 12): era marks written with spaces (`ق. م`, `ق . م`, `هـ . الموافق`) are no
/// sentence ends; the era mark still ends a sentence when a new one follows.
#[test]
fn spaced_era_marks_do_not_end_sentences() {
    for input in [
        "ولد سنة 1200 ق. م وعاش 80 عاما في قرطاج.",
        "ولد سنة 1200 ق . م وعاش 80 عاما في قرطاج.",
        "توفي سنة 11 هـ . الموافق 632 م في المدينة.",
        "وانتهت الحرب سنة 146 ق .م بعد 3 حروب.",
    ] {
        assert_eq!(
            common::claim_texts(input).len(),
            1,
            "{input}: {:?}",
            common::claim_texts(input)
        );
    }
    for input in [
        "بني المعبد سنة 500 ق. م. وقال المؤرخون إن 20 معبدا بني بعده.",
        "توفي سنة 11 هـ . وقال المؤرخون إن 20 كتابا ألفت عنه.",
    ] {
        assert_eq!(
            common::claim_texts(input).len(),
            2,
            "{input}: {:?}",
            common::claim_texts(input)
        );
    }
}

/// Item 10 (review 13): a quotation in straight or curly single quotes ends after its closing
/// quote, and narration after a question or exclamation (`تساءل`, `تابع`) continues it.
#[test]
fn quotations_in_single_quotes_and_questions_before_narration() {
    let two = [
        "'ارتفع العجز إلى 5 في المائة.' وأضاف الوزير أن 20 مدرسة ستفتح.",
        "‘ارتفع العجز إلى 5 في المائة.’ وأضاف الوزير أن 20 مدرسة ستفتح.",
        "'The deficit rose to 5 percent.' He added that 20 schools would open.",
    ];
    for input in two {
        let s = common::claim_texts(input);
        assert_eq!(s.len(), 2, "{input}: {s:?}");
        assert!(
            s[0].ends_with('\'') || s[0].ends_with('’'),
            "{input}: {s:?}"
        );
    }
    for input in [
        "«هل يعقل أن يبلغ العجز 5 في المائة؟» تساءل الوزير.",
        "“هل يعقل أن يبلغ العجز 5 في المائة؟” تساءلت النائبة.",
        "'لن نتراجع عن خفض الضرائب بنسبة 5 في المائة.' قال الوزير.",
        "«لن نقبل بطالة 13 في المائة!» تابع الوزير.",
        "\"Did unemployment really fall to 4 percent?\" asked the minister.",
    ] {
        let s = common::claim_texts(input);
        assert_eq!(s.len(), 1, "{input}: {s:?}");
    }
    // Apostrophes inside words open no quotation.
    let input = "The minister's plan cut 5 percent. O'Brien didn't agree with 20 experts.";
    assert_eq!(common::claim_texts(input).len(), 2);
}
