"""The competencies Steady reports on, as seeded by migration 0003 (code, en, ru, pl)."""

SEED_COMPETENCIES: tuple[tuple[str, str, str, str], ...] = (
    ("attention", "Attention", "Внимательность", "Uważność"),
    ("composure", "Composure and restraint", "Сдержанность", "Opanowanie"),
    ("stress_tolerance", "Stress tolerance", "Стрессоустойчивость", "Odporność na stres"),
    ("conciseness", "Conciseness", "Лаконичность", "Zwięzłość"),
    ("product_knowledge", "Product knowledge", "Знание продукта", "Znajomość produktu"),
    ("positive_attitude", "Positive attitude", "Позитивный настрой", "Pozytywne nastawienie"),
    (
        "time_management",
        "Time management and escalation",
        "Управление временем и эскалация",
        "Zarządzanie czasem i eskalacja",
    ),
    ("reading_emotions", "Reading emotions", "Понимание эмоций", "Odczytywanie emocji"),
    ("persuasion", "Persuasion", "Убеждение", "Perswazja"),
    ("persistence", "Persistence", "Настойчивость", "Wytrwałość"),
    ("closing", "Closing a conversation", "Завершение разговора", "Zamykanie rozmowy"),
    ("empathy", "Empathy", "Эмпатия", "Empatia"),
    ("courtesy", "Courtesy", "Вежливость", "Uprzejmość"),
    ("ecommerce_law", "E-commerce law", "Законы электронной торговли", "Prawo e-commerce"),
)
