"""Denials and negation: the label follows the conduct, flags need an affirmed cue."""

from classification import classify


def test_denied_category_word_does_not_win_over_described_conduct() -> None:
    text = (
        "This is not sexual harassment. The manager screams at the juniors, calls them "
        "useless and threatens to fire anyone who takes a day off."
    )
    result = classify(text)
    assert result.labels[0] == "abusive_behaviour"
    assert any("(denied)" in quote for quote in result.evidence["sexual_misconduct"])


def test_negation_does_not_reach_past_unrelated_words() -> None:
    result = classify("He would not stop touching me at the workshop.")
    assert result.labels[0] == "sexual_misconduct"
    assert "(denied)" not in " ".join(result.evidence["sexual_misconduct"])


def test_french_ne_pas_denial_is_recognised() -> None:
    result = classify("Ce n'est pas du harcèlement sexuel, mais il vole l'argent de la caisse.")
    assert result.labels[0] == "fraud_corruption"


def test_negated_danger_cue_does_not_set_the_flag() -> None:
    result = classify("Nobody is in danger, I just want the shouting in meetings to stop.")
    assert "immediate_danger" not in result.flags


def test_denied_retaliation_does_not_set_the_flag() -> None:
    result = classify("There has been no retaliation so far, but the receipts are fake.")
    assert "retaliation" not in result.flags


def test_spanish_and_portuguese_denials_are_marked_and_do_not_decide_the_label() -> None:
    spanish = classify("No es acoso sexual, pero el tesorero se robó la plata de las cuotas.")
    portuguese = classify("Não é assédio, mas o tesoureiro desviou o dinheiro das cotas.")
    assert spanish.labels[0] == portuguese.labels[0] == "fraud_corruption"
    assert any("(denied)" in q for q in spanish.evidence.get("sexual_misconduct", []))


def test_negated_minor_cue_does_not_set_the_flag_but_a_stated_age_does() -> None:
    assert "minor_involved" not in classify("No children were involved, only staff.").flags
    assert "minor_involved" in classify("No adults were there, only a 14-year-old girl.").flags
