"""The hiring models move to the `hiring` app (its 0001 takes them over).

State only: the tables and their rows stay where they are, and `hiring` renames
them afterwards. Without `hiring` installed, the tables are simply left alone.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0006_dialogue_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Invitation"),
                migrations.DeleteModel(name="Candidate"),
                migrations.DeleteModel(name="Position"),
                migrations.DeleteModel(name="TokenRateLimit"),
            ],
            database_operations=[],
        ),
    ]
