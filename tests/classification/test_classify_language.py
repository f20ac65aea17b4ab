"""Language detection for the network's four languages."""

import pytest

from classification import classify


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My supervisor keeps shouting at me in front of the participants.", "en"),
        ("Mon superviseur me crie dessus devant les participants.", "fr"),
        ("Mi supervisor me grita delante de los participantes.", "es"),
        ("Meu supervisor grita comigo na frente dos participantes.", "pt"),
        ("nao sei o que fazer, ele nao para de me mandar mensagem", "pt"),
        ("no se que hacer, el no para de mandarme mensajes", "es"),
        ("jsp quoi faire il arrete pas de m'envoyer des messages", "fr"),
        ("dunno what to do he keeps texting me", "en"),
    ],
)
def test_detects_the_report_language(text: str, lang: str) -> None:
    assert classify(text).language == lang


def test_mostly_french_report_with_english_words_is_french() -> None:
    text = "Franchement c'est du harassment, le boss commente mon corps tous les jours."
    assert classify(text).language == "fr"
