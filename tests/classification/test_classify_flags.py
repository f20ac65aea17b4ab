"""Urgency flags from the text alone and from the form's answers alone."""

import pytest

from classification import FormAnswers, classify

NEUTRAL = "I would like someone to look at what happened at the regional meeting."


def test_child_flag_from_form_answer_alone() -> None:
    result = classify(NEUTRAL, FormAnswers(child_involved=True))
    assert result.flags == ["minor_involved"]
    assert result.evidence["minor_involved"][0].startswith("form:")


def test_danger_and_retaliation_flags_from_form_answers_alone() -> None:
    result = classify(NEUTRAL, FormAnswers(danger_now=True, retaliation_feared=True))
    assert result.flags == ["immediate_danger", "retaliation"]


def test_no_flags_for_neutral_text_and_unanswered_form() -> None:
    assert classify(NEUTRAL, FormAnswers()).flags == []


def test_form_no_does_not_clear_a_flag_the_text_supports() -> None:
    text = "The facilitator sends messages at night to a 15-year-old participant."
    result = classify(text, FormAnswers(child_involved=False))
    assert "minor_involved" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "The facilitator sends messages at night to a 15-year-old participant.",
        "Il envoie des messages la nuit à une participante de 14 ans.",
        "El tallerista le escribe de noche a una chica de 15 años.",
        "O facilitador manda mensagens à noite para uma menina de 13 anos.",
        "The coach keeps the grade 8 girls after practice.",
        "Les élèves du collège ont peur de l'animateur.",
    ],
)
def test_minor_flag_from_text_alone(text: str) -> None:
    assert "minor_involved" in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "I have worked here for 15 years and the director shouts at everyone.",
        "Je travaille ici depuis 15 ans et le directeur crie sur tout le monde.",
        "The intern is 19 years old and the supervisor keeps touching her.",
        "The youth volunteers were not paid their stipends.",
    ],
)
def test_durations_adults_and_vague_youth_do_not_set_the_minor_flag(text: str) -> None:
    assert "minor_involved" not in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "He has a machete and is waiting outside the office right now.",
        "Ella dice que se va a quitar la vida esta noche.",
        "Le chauffeur est ivre et va conduire les enfants ce soir.",
        "Ele está bêbado e vai dirigir o ônibus com os jovens agora.",
    ],
)
def test_danger_flag_from_text_alone(text: str) -> None:
    assert "immediate_danger" in classify(text).flags


def test_past_incident_does_not_set_the_danger_flag() -> None:
    text = "Last year he shouted at a volunteer during a training."
    assert "immediate_danger" not in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "Since I reported the fake receipts, my contract was not renewed.",
        "Depuis que j'ai signalé les fausses factures, on m'a exclue des réunions.",
        "Después de denunciar al tesorero me despidieron.",
        "Ele disse que se eu falar com a direção vou ser demitida.",
    ],
)
def test_retaliation_flag_from_text_alone(text: str) -> None:
    assert "retaliation" in classify(text).flags


def test_pressure_into_misconduct_without_a_concern_is_not_retaliation() -> None:
    text = "My boss told me to sign the fake attendance sheets or I would lose my job."
    assert "retaliation" not in classify(text).flags


def test_retaliation_over_underlying_fraud_keeps_fraud_primary() -> None:
    text = (
        "I reported to the board that the treasurer embezzled the grant and forged receipts. "
        "Since then I was removed from the committee and threatened."
    )
    result = classify(text)
    assert result.labels[0] == "fraud_corruption"
    assert "retaliation" in result.flags
