"""The topics a support-training catalogue starts with (editors can add more)."""

DEFAULT_TOPICS = [
    ("product_knowledge", "Product knowledge", "Знание продуктов", "Znajomość produktów"),
    (
        "ecommerce_law",
        "E-commerce and consumer law",
        "Электронная торговля и права потребителей",
        "Handel internetowy i prawa konsumenta",
    ),
    ("stress_management", "Stress management", "Управление стрессом", "Radzenie sobie ze stresem"),
    (
        "positive_phrasing",
        "Positive phrasing",
        "Позитивные формулировки",
        "Pozytywne sformułowania",
    ),
    ("service_culture", "Service culture", "Культура сервиса", "Kultura obsługi"),
    ("complaint_handling", "Complaint handling", "Работа с жалобами", "Obsługa reklamacji"),
]
