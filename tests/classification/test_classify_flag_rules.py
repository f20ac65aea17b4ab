"""Flag rules: what counts as retaliation, danger or a minor, and the evidence behind each."""

from itertools import islice

import pytest

from classification import FormAnswers, classify
from classification.build import TRAIN_PATH, load_jsonl


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to withdraw my complaint from last week, we sorted it out between us.",
        "Je veux retirer mon signalement, on a réglé ça entre nous.",
        "Quiero retirar mi denuncia, lo arreglamos entre nosotros.",
        "Quero retirar minha denúncia, resolvemos entre nós.",
    ],
)
def test_withdrawing_ones_own_complaint_is_not_retaliation(text: str) -> None:
    assert "retaliation" not in classify(text).flags


def test_being_pushed_to_withdraw_a_complaint_is_retaliation() -> None:
    text = "Since I filed it, my manager keeps telling me to withdraw my complaint or else."
    assert "retaliation" in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        # The act of reporting to this channel is not a concern raised and then punished.
        "Quero denunciar que o coordenador grita com os voluntários e chama todos de burros.",
        "Quiero denunciar que el jefe nos grita y nos insulta todos los días.",
        # What a complaint was about is not a punishment for it.
        "Participants have complained that he shouts when they ask questions.",
        # Pressure into misconduct, no concern raised (shared/data/README.md, Retaliation).
        "I was told to keep my mouth shut about the storage fees.",
    ],
)
def test_no_retaliation_without_a_concern_raised_and_punished(text: str) -> None:
    assert "retaliation" not in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "At the general meeting I asked to see the bank statements. Since then they took me "
        "off the planning team and ignore my emails.",
        "Après avoir envoyé au bailleur les copies des faux reçus, j'ai été licencié.",
        "El coordinador dice que el que se queje se va a la calle.",
        "Depois de eu ter mostrado ao chefe as notas falsas, fui transferido para Zumbo.",
        "Le chef menace de les virer s'ils se plaignent.",
    ],
)
def test_retaliation_told_in_everyday_words(text: str) -> None:
    result = classify(text)
    assert "retaliation" in result.flags
    assert result.evidence["retaliation"]


@pytest.mark.parametrize(
    "text",
    [
        "La directora tiene botellas de whisky en el armario.",
        "O responsável do armazém só entrega os kits às moças se elas derem um beijo.",
        "El facilitador dijo que los gays son enfermos.",
        "two staff members shooting up in the back of the clinic van",
        "El jefe me gritó en la cocina delante de todos.",
    ],
)
def test_words_that_only_look_like_danger_do_not_set_the_flag(text: str) -> None:
    assert "immediate_danger" not in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "colleague passed out drunk by the pool, not responding, pls send someone",
        "il est saoul au volant du 4x4, on roule vers Bukavu, j'ai peur",
        "mi compañera mezcló vino con pastillas y no responde",
        "o colega está inconsciente na casa de banho, não responde",
        "estamos encerradas en la sala, él anda con un cortacartón gritando que lo va a rajar",
    ],
)
def test_emergencies_told_without_a_weapon_word_set_the_danger_flag(text: str) -> None:
    assert "immediate_danger" in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "The security guard slapped a boy in the queue. The boy is about 12.",
        "she is about 15 years old and he keeps messaging her",
    ],
)
def test_approximate_ages_set_the_minor_flag(text: str) -> None:
    assert "minor_involved" in classify(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "I have worked here about 12 years and the director shouts at everyone.",
        "Son como cuatro los que cobran sin trabajar.",
        "I discovered eleven names on the payroll who do not exist.",
        "Vi que el coordinador de Escuintla cobra comisiones a los proveedores.",
        "Il est arrivé ivre pour la troisième fois cette année.",
    ],
)
def test_numbers_and_names_that_are_not_ages_do_not_set_the_minor_flag(text: str) -> None:
    assert "minor_involved" not in classify(text).flags


def test_a_form_yes_is_never_cleared_by_the_flag_models() -> None:
    result = classify("The printer is broken again.", FormAnswers(child_involved=True))
    assert result.flags == ["minor_involved"]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_flag_evidence_is_a_form_answer_or_words_of_the_report() -> None:
    rows = load_jsonl(TRAIN_PATH)
    for row in islice(rows, 0, len(rows), 7):
        text = str(row["text"])
        result = classify(text)
        for flag in result.flags:
            for quote in result.evidence[flag]:
                assert quote.startswith("form:") or _normalised(quote).removesuffix(
                    "..."
                ) in _normalised(text), (flag, quote)
