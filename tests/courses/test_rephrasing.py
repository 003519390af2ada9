"""The positive-rephrasing rules, on tiny hand-made replies in en, ru and pl."""

import pytest

from courses.scoring.evaluation import evaluate, load_items, ordering_rates, score_triples
from courses.scoring.rephrasing import (
    FINDING_CODES,
    GOOD_REWRITE_THRESHOLD,
    MAJOR_PENALTY_CAP,
    PENALTY_POINTS,
    REWARD_POINTS,
    SUPPORTED_LANGUAGES,
    UNSHAPED_TONE_POINTS,
    score_reply,
)


def codes(text, language, original=None):
    return {f.code for f in score_reply(text, language=language, original=original).findings}


def finding(text, language, code, original=None):
    result = score_reply(text, language=language, original=original)
    return next(f for f in result.findings if f.code == code)


def test_it_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="Unsupported language 'de'"):
        score_reply("Wir können nicht.", language="de")


def test_it_accepts_a_language_with_a_region():
    assert score_reply("Thank you!", language="en-GB").language == "en"


@pytest.mark.parametrize("text", ["", "   \n", "!!! ..."])
def test_it_scores_an_empty_reply_zero(text):
    result = score_reply(text, language="ru")
    assert result.score == 0
    assert [f.code for f in result.findings] == ["empty"]


@pytest.mark.parametrize(
    ("language", "text", "excerpt"),
    [
        ("en", "Sorry, but we can't refund it.", "can't"),
        ("en", "Your claim is rejected.", "rejected"),
        ("ru", "К сожалению, мы не можем вернуть деньги.", "не можем"),
        ("ru", "Вернуть деньги мы не сможем.", "не сможем"),
        ("ru", "Подарочную упаковку мы не делаем.", "не делаем"),
        ("pl", "Niestety nie możemy zwrócić pieniędzy.", "nie możemy"),
        ("pl", "Nie mogę tego zmienić.", "Nie mogę"),
        ("pl", "Nie wysyłamy faktur papierowych.", "Nie wysyłamy"),
    ],
)
def test_it_finds_a_refusal_with_its_offsets(language, text, excerpt):
    refusal = finding(text, language, "refusal")
    assert text[refusal.start : refusal.end] == excerpt == refusal.excerpt
    assert refusal.kind == "penalty"
    assert refusal.points == -PENALTY_POINTS["refusal"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "No problem, I'll send a new one today."),
        ("en", "Don't worry, the refund will arrive by Monday."),
        ("en", "You don't need to do anything: the courier comes tomorrow."),
        ("ru", "Без проблем, сегодня же отправлю новую."),
        ("ru", "Не волнуйтесь, деньги придут до понедельника."),
        ("ru", "Мы не возьмём плату за возврат, этикетку пришлю сегодня."),
        ("pl", "Nie ma problemu, jeszcze dziś wyślę nową."),
        ("pl", "Proszę się nie martwić, pieniądze dotrą do poniedziałku."),
        ("pl", "Nie musi Pan nic robić: kurier odbierze paczkę jutro."),
    ],
)
def test_it_does_not_penalise_a_positive_negation(language, text):
    result = score_reply(text, language=language)
    assert [f.code for f in result.findings if f.kind == "penalty"] == []
    assert result.score >= GOOD_REWRITE_THRESHOLD


@pytest.mark.parametrize(
    ("language", "text", "code", "excerpt"),
    [
        ("en", "This is against company policy.", "policy", "policy"),
        ("ru", "По правилам магазина обмен невозможен.", "policy", "правилам"),
        ("pl", "Zgodnie z regulaminem zwrot jest niemożliwy.", "policy", "Zgodnie z"),
        ("en", "You should have read the terms.", "blame", "You should have"),
        ("ru", "Вы сами виноваты.", "blame", "Вы сами виноваты"),
        ("ru", "Нужно было оформить возврат раньше.", "blame", "Нужно было"),
        ("pl", "To nie nasza wina.", "blame", "nie nasza wina"),
        ("pl", "Trzeba było odesłać towar wcześniej.", "blame", "Trzeba było"),
        ("en", "Please calm down.", "command", "calm down"),
        ("ru", "Успокойтесь, пожалуйста.", "command", "Успокойтесь"),
        ("pl", "Proszę się uspokoić.", "command", "Proszę się uspokoić"),
        ("en", "Your ticket was escalated to L2.", "jargon", "ticket"),
        ("ru", "Ваш тикет эскалирован.", "jargon", "тикет"),
        ("pl", "Pana zgłoszenie w systemie czeka.", "jargon", "zgłoszenie w systemie"),
        ("en", "We'll let you know.", "vague_promise", "We'll let you know"),
        ("ru", "Мы сообщим дополнительно.", "vague_promise", "сообщим"),
        ("pl", "Damy znać w swoim czasie.", "vague_promise", "Damy znać"),
    ],
)
def test_it_finds_penalties_with_their_offsets(language, text, code, excerpt):
    found = finding(text, language, code)
    assert text[found.start : found.end] == excerpt


@pytest.mark.parametrize(
    ("language", "text", "code"),
    [
        ("en", "I understand how annoying this is.", "acknowledgement"),
        ("ru", "Понимаю, как это неприятно.", "acknowledgement"),
        ("pl", "Rozumiem, że to frustrujące.", "acknowledgement"),
        ("en", "We can offer a voucher instead.", "alternative"),
        ("ru", "Могу предложить вам бонусы.", "alternative"),
        ("pl", "Możemy zaproponować bon.", "alternative"),
        ("en", "I will check the status.", "ownership"),
        ("ru", "Я проверю статус заказа.", "ownership"),
        ("pl", "Sprawdzę status zamówienia.", "ownership"),
    ],
)
def test_it_rewards_good_habits(language, text, code):
    found = finding(text, language, code)
    assert found.kind == "reward"
    assert found.points == REWARD_POINTS[code]


@pytest.mark.parametrize(
    ("language", "text", "excerpt"),
    [
        ("en", "I'll send you the label by Friday.", "Friday"),
        ("en", "The refund reaches your card within 2 hours.", "within 2 hours"),
        ("ru", "Пришлю этикетку до пятницы.", "пятницы"),
        ("ru", "Деньги вернутся в течение часа.", "в течение часа"),
        ("pl", "Wyślę etykietę do piątku.", "piątku"),
        ("pl", "Pieniądze wrócą w ciągu 24 godzin.", "w ciągu 24 godzin"),
    ],
)
def test_it_rewards_a_next_step_with_a_time(language, text, excerpt):
    found = finding(text, language, "next_step")
    assert text[found.start : found.end] == excerpt
    assert "no_next_step" not in codes(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sorry, a refund within 14 days is not possible."),
        ("ru", "Извините, обмен в течение 14 дней невозможен."),
        ("pl", "Przepraszam, zwrot w ciągu 14 dni jest niemożliwy."),
    ],
)
def test_a_time_inside_a_refusal_is_no_next_step(language, text):
    assert {"refusal", "no_next_step"} <= codes(text, language)
    assert "next_step" not in codes(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I'll let you know by 2 pm."),
        ("ru", "Сообщу вам до 14:00."),
        ("pl", "Dam znać do 14:00."),
    ],
)
def test_a_promise_with_a_time_is_not_vague(language, text):
    assert "vague_promise" not in codes(text, language)
    assert "next_step" in codes(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "We can't refund it, but we can offer store credit."),
        ("ru", "Вернуть деньги не можем, но можем предложить бонусы."),
        ("pl", "Nie możemy zwrócić pieniędzy, ale możemy zaproponować bon."),
    ],
)
def test_a_refusal_with_an_alternative_is_softened(language, text):
    assert {"refusal_softened", "alternative"} <= codes(text, language)
    assert "refusal" not in codes(text, language)


@pytest.mark.parametrize(
    ("language", "original", "kept", "dropped"),
    [
        (
            "en",
            "We can't refund order 48213.",
            "I'll refund order 48213 as store credit today.",
            "I'll refund your order as store credit today.",
        ),
        (
            "ru",
            "Мы не можем вернуть деньги за заказ 48213.",
            "Сегодня я верну деньги за заказ 48213 бонусами.",
            "Сегодня я верну деньги за заказ бонусами.",
        ),
        (
            "pl",
            "Nie możemy zwrócić pieniędzy za zamówienie 48213.",
            "Dziś zwrócę pieniądze za zamówienie 48213 w formie bonu.",
            "Dziś zwrócę pieniądze za zamówienie w formie bonu.",
        ),
    ],
)
def test_it_checks_the_facts_of_the_original(language, original, kept, dropped):
    facts_kept = finding(kept, language, "facts_kept", original=original)
    assert facts_kept.excerpt == "48213"
    facts_dropped = finding(dropped, language, "facts_dropped", original=original)
    assert facts_dropped.excerpt == "48213"
    assert "facts_dropped" not in codes(kept, language, original)
    assert "facts_kept" not in codes(dropped, language, original)


def test_jargon_of_the_original_is_not_a_fact_to_keep():
    original = "Your ticket was escalated to L2."
    rewrite = "I've asked our technical team to look at it and will write to you by noon."
    assert "facts_dropped" not in codes(rewrite, "en", original)


def test_a_polite_reply_that_still_blames_cannot_pass():
    text = (
        "Thank you for writing, I understand. You should have checked the size chart, "
        "but I'll send a new pair by Friday."
    )
    result = score_reply(text, language="en")
    assert result.score <= MAJOR_PENALTY_CAP < GOOD_REWRITE_THRESHOLD
    assert not result.passed


def test_each_code_scores_once():
    result = score_reply("Sorry! Thank you, and sorry again.", language="en")
    points = [f.points for f in result.findings if f.code == "acknowledgement"]
    assert points == [REWARD_POINTS["acknowledgement"], 0, 0]


def test_every_code_has_a_description():
    from courses.scoring.rephrasing import TONE_CODES

    assert set(REWARD_POINTS) | set(PENALTY_POINTS) | set(TONE_CODES) == set(FINDING_CODES)


def test_the_result_serialises_with_excerpts_that_match_the_text():
    text = "Вы сами виноваты, ждите ответа."
    data = score_reply(text, language="ru").as_dict()
    assert data["language"] == "ru"
    assert data["passed"] is False
    assert 0 <= data["score"] <= 100
    for item in data["findings"]:
        assert set(item) == {"code", "kind", "points", "message", "start", "end", "excerpt"}
        assert text[item["start"] : item["end"]] == item["excerpt"]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_data_set_is_well_formed(language):
    items = load_items(language=language)
    assert len(items) >= 40
    assert all({"original", "good", "bad", "split"} <= set(item) for item in items)
    holdout = load_items(language=language, split="holdout")
    assert 0.2 <= len(holdout) / len(items) <= 0.45  # 13 original + 12 later held-out items


# Measured: 100 % on both splits in every language (see the module docstring of
# courses.scoring.evaluation for how to print the figures).
@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_the_rules_separate_good_and_bad_rewrites(language, split):
    result = evaluate(load_items(language=language, split=split), language=language)
    assert result["accuracy"] >= 0.9, result["errors"]
    assert result["good_pass_rate"] >= 0.85


def test_ordering_rates_count_strict_orderings_and_ties_as_wrong():
    # (original, good, bad): right, good tied with original, bad tied with good, all wrong.
    rates = ordering_rates([(10, 80, 30), (50, 50, 20), (20, 70, 70), (90, 40, 60)])
    assert rates == {"pairs": 4, "good_above_original": 0.5, "bad_below_good": 0.5}


def test_ordering_rates_of_nothing_are_zero():
    assert ordering_rates([]) == {"pairs": 0, "good_above_original": 0.0, "bad_below_good": 0.0}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_good_rewrites_outscore_originals_and_bad_rewrites(language):
    rates = ordering_rates(score_triples(load_items(language=language), language=language))
    assert rates["pairs"] >= 40
    assert rates["good_above_original"] >= 0.9
    assert rates["bad_below_good"] >= 0.9


# --- abuse and put-downs ---------------------------------------------------------------

from courses.scoring.evaluation import abuse_rates, clean_texts, load_abuse_items  # noqa: E402
from courses.scoring.rephrasing import ABUSE_CAP  # noqa: E402
from courses.scoring.rephrasing_abuse import lexicon_words  # noqa: E402


@pytest.mark.parametrize(
    ("language", "original", "text", "words"),
    [
        (
            "en",
            "We can't refund you.",
            "Thank you for your message, you idiot. I will refund you by Friday "
            "and e-mail you the receipt.",
            "idiot",
        ),
        (
            "ru",
            "Мы не можем вернуть деньги.",
            "Спасибо за сообщение, идиот. Я верну вам деньги до пятницы и пришлю чек.",
            "идиот",
        ),
        (
            "pl",
            "Nie możemy zwrócić pieniędzy.",
            "Dziękuję za wiadomość, idioto. Zwrócę pieniądze do piątku i wyślę paragon.",
            "idioto",
        ),
    ],
)
def test_an_insult_fails_a_reply_that_is_otherwise_good(language, original, text, words):
    result = score_reply(text, language=language, original=original)
    abuse = next(f for f in result.findings if f.code == "abuse")
    assert not result.passed
    assert result.score <= ABUSE_CAP < GOOD_REWRITE_THRESHOLD
    assert words in abuse.excerpt and words in abuse.message
    assert text[abuse.start : abuse.end] == abuse.excerpt


@pytest.mark.parametrize(
    ("language", "text", "excerpt"),
    [
        ("en", "Are you stupid? It is in the e-mail.", "Are you stupid"),
        ("en", "Shut up and listen, the courier comes at 9.", "Shut up"),
        ("en", "Use your brain, the chart is online.", "Use your brain"),
        ("en", "Stop whining, I sent it.", "Stop whining"),
        ("en", "Well done, genius, I will send a new one today.", "genius"),
        ("ru", "Вы что, тупой? Номер в письме.", "Вы что, тупой"),
        ("ru", "Хватит ныть, я всё отправил.", "Хватит ныть"),
        ("ru", "Отправлю сегодня, придурком не надо быть.", "придурком"),
        ("pl", "Przestań marudzić, wysłałem.", "Przestań marudzić"),
        ("pl", "Brawo, geniuszu, zły rozmiar.", "geniuszu"),
        ("pl", "Z takimi idiotami nie da się pracować.", "idiotami"),
        # Contractions are read as the words they stand for, questions in either order.
        ("en", "Can't you see the button? I'll refund you today.", "Can't you see"),
        ("en", "What's wrong with you? I will ship it by Friday.", "What's wrong with you"),
        ("pl", "Jest Pani głucha? Wyślę paczkę jutro.", "Jest Pani głucha"),
        # Dismissing the customer, or swearing in front of them.
        ("en", "Deal with it, I'll refund you by Friday.", "Deal with it"),
        ("en", "For God's sake, I will send it today.", "For God's sake"),
        ("en", "Is that so hard to understand? I'll refund you today.", "Is that so hard"),
        ("ru", "Смиритесь, я оформлю возврат сегодня.", "Смиритесь"),
        ("ru", "Вы вообще понимаете, что пишете? Я оформлю возврат.", "Вы вообще понимаете"),
        ("pl", "To nie mój problem, ale zwrócę pieniądze jutro.", "nie mój problem"),
        ("pl", "Pan chyba żartuje? Wyślę paczkę jutro.", "Pan chyba żartuje"),
        # Belittling remarks after an otherwise good reply.
        ("en", "I'll refund you by Friday. You're hopeless.", "You're hopeless"),
        ("en", "I'll refund you by Friday. Try not to break it again.", "Try not to break"),
        ("ru", "Я оформлю возврат сегодня. Вы как ребёнок.", "Вы как ребёнок"),
        (
            "ru",
            "Я оформлю возврат сегодня. Учитесь пользоваться телефоном.",
            "Учитесь пользоваться",
        ),
        (
            "pl",
            "Zwrócę pieniądze jutro. Zachowuje się Pan jak dziecko.",
            "Zachowuje się Pan jak dziecko",
        ),
        ("pl", "Zwrócę pieniądze jutro. Mam Pana dość.", "Mam Pana dość"),
    ],
)
def test_it_names_the_put_down_in_any_inflected_form(language, text, excerpt):
    abuse = finding(text, language, "abuse")
    assert abuse.excerpt == excerpt


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Our Genius Bar team will repair your phone tomorrow."),
        ("en", "The screw was missing, so I'm sending a new one today."),
        ("en", "That was a stupid mistake on our part, and I'm sorry."),
        ("ru", "Это была наша глупая ошибка, простите."),
        ("pl", "Jajka dostarczymy jutro rano."),
        ("pl", "To był głupi błąd z naszej strony, przepraszam."),
        ("en", "Lots of homework, but that's part of growing up."),
        ("en", "I'm thankful for the people who care about me."),
        ("en", "What's your order number? I'll check it by noon."),
        ("en", "It's late, I know: I'll send it today by 5 pm."),
        ("en", "The customer's parcel is wrong; what's in it is not what you ordered."),
        ("en", "Don't be alarmed: your data is safe, and I had no idea the courier was late."),
        ("en", "We take this seriously. For your safety, I'll send a new charger today."),
        ("ru", "Мы серьёзно относимся к жалобе и решим ваши проблемы сегодня."),
        ("ru", "Понимаю, как трудно разобраться в настройках; черты тарифа опишу в письме."),
        ("pl", "Traktujemy to serio. Chcę Pana uspokoić: paczka dotrze jutro."),
        ("en", "Next time you order, read our delivery page; I'll show you how to use it."),
        ("ru", "Я научу вас пользоваться приложением сегодня по телефону."),
        ("pl", "Pokażę Panu, jak korzystać z aplikacji. Rozumiem, że ma Pan dość czekania."),
    ],
)
def test_everyday_words_near_the_lexicon_are_not_abuse(language, text):
    assert "abuse" not in codes(text, language)


def test_the_lexicon_package_is_read_without_its_everyday_words():
    assert "bastard" in lexicon_words("en")
    assert "panties" not in lexicon_words("en")
    assert "kurwa" in lexicon_words("pl")
    assert "jajko" not in lexicon_words("pl")


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_abuse_is_caught_on_the_development_set_without_false_alarms(language):
    items = load_abuse_items(language=language, split="tune") + clean_texts(language=language)
    rates = abuse_rates(items, language=language)
    assert rates["recall"] >= 0.95, rates["misses"]
    assert rates["precision"] >= 0.95, rates["false_alarms"]


# --- tone ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "bleak", "reframed"),
    [
        (
            "en",
            "This week is a total disaster, nothing ever works and I hate it.",
            "This week was hard, but at least I learned a lot and I will plan better.",
        ),
        (
            "ru",
            "Это катастрофа, ничего никогда не работает, просто ужас.",
            "Неделя была трудной, но зато я многому научился и справлюсь.",
        ),
        (
            "pl",
            "To katastrofa, nic nigdy nie działa, koszmar.",
            "Tydzień był trudny, ale na szczęście dużo się nauczyłem i sobie poradzę.",
        ),
    ],
)
def test_a_positive_reframe_scores_above_its_bleak_original(language, bleak, reframed):
    assert (
        score_reply(reframed, language=language).score > score_reply(bleak, language=language).score
    )
    assert "tone_negative" in codes(bleak, language)
    assert "tone_positive" in codes(reframed, language)


def test_the_tone_finding_points_at_the_catastrophising_word():
    text = "This is a disaster."
    tone = finding(text, "en", "tone_negative")
    assert tone.excerpt == "disaster" and text[tone.start : tone.end] == "disaster"
    assert -UNSHAPED_TONE_POINTS <= tone.points < 0


def test_a_warm_tone_never_lifts_a_reply_over_a_major_penalty():
    text = "Great news, we are happy to help, but you should have read our policy first!"
    result = score_reply(text, language="en")
    assert result.score <= MAJOR_PENALTY_CAP and not result.passed


def test_a_negated_problem_is_not_bleak():
    assert "tone_negative" not in codes("No problem at all, I will send it today.", "en")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Looking after two grumpy children by myself today."),
        ("en", "Had to restart my laptop four times this morning."),
        ("ru", "Вчера я весь день сидел с детьми."),
        ("ru", "Сегодня у меня экзамен по физике."),
        ("pl", "Dzisiaj rano musiałam trzy razy restartować komputer."),
        ("pl", "Jutro mam egzamin z fizyki."),
    ],
)
def test_a_time_that_promises_nothing_is_no_next_step(language, text):
    assert "next_step" not in codes(text, language)


@pytest.mark.parametrize(
    ("language", "text", "excerpt"),
    [
        ("en", "The courier comes tomorrow.", "tomorrow"),
        ("en", "Your refund will be on your card by Friday.", "Friday"),
        ("ru", "Курьер привезёт посылку завтра.", "завтра"),
        ("pl", "Kurier odbierze paczkę jutro.", "jutro"),
    ],
)
def test_a_time_of_what_will_happen_is_a_next_step(language, text, excerpt):
    assert finding(text, language, "next_step").excerpt == excerpt


@pytest.mark.parametrize(
    "text",
    [
        "I didn't get the points I needed, but I did my best.",
        "I don't like being tired, so I'll drink less coffee.",
        "I won't let a closed school ruin my mood.",
    ],
)
def test_talking_about_oneself_is_no_refusal(text):
    assert not codes(text, "en") & {"refusal", "refusal_softened"}


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("We don't ship to Norway.", "We don't"),
        ("I won't refund a used blender.", "I won't"),
    ],
)
def test_a_present_refusal_to_the_customer_is_still_found(text, excerpt):
    assert finding(text, "en", "refusal").excerpt == excerpt


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Grow up, the parcel is on its way."),
        ("en", "Who cares, the item is out of stock."),
    ],
)
def test_the_narrowed_put_downs_still_fail_the_reply(language, text):
    result = score_reply(text, language=language)
    assert "abuse" in codes(text, language) and not result.passed


# --- reply shape and tone scale ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "My exam went badly."),
        ("ru", "Экзамен прошёл плохо."),
        ("pl", "Egzamin poszedł źle."),
    ],
)
def test_a_text_that_is_no_reply_is_not_asked_for_a_next_step(language, text):
    assert "no_next_step" not in codes(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Your exam went badly."),
        ("ru", "Извините, экзамен прошёл плохо."),
        ("pl", "Przepraszam, egzamin poszedł źle."),
    ],
)
def test_a_reply_is_still_asked_for_a_next_step(language, text):
    assert "no_next_step" in codes(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Great news: refunds after 14 days are not possible, wonderful!",
        "Refunds after 14 days are impossible, happily.",
    ],
)
def test_a_refusal_without_you_or_we_still_cannot_pass(text):
    result = score_reply(text, language="en")
    assert "refusal" in codes(text, "en") and result.score <= MAJOR_PENALTY_CAP


def test_an_unshaped_text_is_scored_by_tone_without_hitting_the_floor():
    bleak = score_reply("I can't sleep. Everything is awful.", language="en").score
    bleaker = score_reply(
        "I can't sleep. Everything is an awful, hopeless, horrible nightmare.", language="en"
    ).score
    assert 0 < bleaker < bleak < GOOD_REWRITE_THRESHOLD


def test_saying_what_is_not_is_bleaker_than_saying_what_is():
    assert (
        score_reply("I can't finish this essay.", language="en").score
        < score_reply("I can finish this essay.", language="en").score
    )


@pytest.mark.parametrize(
    ("language", "padded", "reframed"),
    [
        (
            "en",
            "Great, this week is a total disaster and nothing ever works.",
            "This week was hard, but at least I learned a lot and I will plan better.",
        ),
        (
            "ru",
            "Отлично, это катастрофа, ничего никогда не работает.",
            "Неделя была трудной, но зато я многому научился и справлюсь.",
        ),
        (
            "pl",
            "Świetnie, to katastrofa, nic nigdy nie działa.",
            "Tydzień był trudny, ale na szczęście dużo się nauczyłem i sobie poradzę.",
        ),
    ],
)
def test_a_bleak_text_padded_with_a_positive_word_stays_below_a_real_reframe(
    language, padded, reframed
):
    assert (
        score_reply(padded, language=language).score
        < score_reply(reframed, language=language).score
    )


def test_a_gerund_at_the_start_is_no_order():
    assert "command" not in codes("Waiting times are long today.", "en")
    assert "command" in codes("Wait for the courier.", "en")


def test_gratitude_is_not_thanks_said_to_a_reader():
    assert "no_next_step" not in codes("I'm thankful for my family.", "en")
    assert "no_next_step" in codes("Thank you for your message.", "en")


def test_i_cannot_is_no_constructive_reframe():
    assert "tone_positive" not in codes("I can't sleep.", "en")
    assert "tone_positive" in codes("I can sleep now.", "en")
    assert "tone_negative" not in codes("I can't wait to see you.", "en")


@pytest.mark.parametrize(
    ("language", "text", "code", "word"),
    [
        ("en", "Although the week was hard, I was able to finish.", "tone_positive", "Although"),
        ("ru", "Хотя неделя была трудной, со временем всё наладится.", "tone_positive", "Хотя"),
        (
            "ru",
            "Хотя неделя была трудной, со временем всё наладится.",
            "tone_positive",
            "со временем",
        ),
        ("pl", "Choć tydzień był trudny, z czasem będzie lepiej.", "tone_positive", "z czasem"),
        ("en", "fml, the bus is late again.", "tone_negative", "fml"),
        ("ru", "Меня это бесит, надоело.", "tone_negative", "бесит"),
        ("pl", "Strasznie mnie to wkurza.", "tone_negative", "wkurza"),
        ("pl", "Codziennie to samo, fatalnie.", "tone_negative", "fatalnie"),
    ],
)
def test_the_tone_lexicon_knows_concessions_and_everyday_anger(language, text, code, word):
    result = score_reply(text, language=language)
    assert word in {f.excerpt for f in result.findings if f.code == code}
