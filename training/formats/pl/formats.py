# One date format per language, everywhere: "30 listopada 2026", "30 listopada 2026, 14:05".
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "j E Y"
SHORT_DATETIME_FORMAT = "j E Y, H:i"
