"""The hiring models, taken over from `courses` with their tables and rows.

`courses.0007` dropped them from its state; here they enter `hiring`'s state on
the same tables (nothing is created), and the content types follow, so the
permissions and the audit log entries that point at them stay attached. `0002`
then renames the tables to `hiring_*`.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("position", "candidate", "invitation", "tokenratelimit")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label="hiring", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label="courses", model=model).update(
            app_label="hiring"
        )


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="hiring", model__in=MODELS
    ).update(app_label="courses")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("courses", "0007_hiring_moves_to_its_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Position',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, unique=True, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                    ],
                    options={
                        'db_table': 'courses_position',
                        'verbose_name': 'position',
                        'verbose_name_plural': 'positions',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Candidate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('email', models.EmailField(db_index=True, max_length=254, verbose_name='e-mail')),
                        ('language', models.CharField(default='en', max_length=8, verbose_name='language')),
                        ('decision', models.CharField(blank=True, choices=[('advance', 'Advance'), ('reject', 'Reject'), ('hold', 'Hold')], default='', max_length=10, verbose_name='decision')),
                        ('decision_notes', models.TextField(blank=True, verbose_name='notes')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('created_at', models.DateTimeField(verbose_name='created at')),
                        ('purged_at', models.DateTimeField(blank=True, null=True, verbose_name='personal data removed at')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('position', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='candidates', to='hiring.position', verbose_name='position')),
                    ],
                    options={
                        'db_table': 'courses_candidate',
                        'verbose_name': 'candidate',
                        'verbose_name_plural': 'candidates',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(verbose_name='created at')),
                        ('expires_at', models.DateTimeField(verbose_name='expires at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='last sent at')),
                        ('sent_count', models.PositiveSmallIntegerField(default=0, verbose_name='times sent')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                        ('consented_at', models.DateTimeField(blank=True, null=True, verbose_name='consent given at')),
                        ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='first used at')),
                        ('focus_lost_count', models.PositiveIntegerField(default=0, verbose_name='times the page lost focus')),
                        ('paste_count', models.PositiveIntegerField(default=0, verbose_name='paste events in free text')),
                        ('question_seconds', models.JSONField(blank=True, default=dict, verbose_name='seconds per question')),
                        ('attempt', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitation', to='courses.attempt', verbose_name='attempt')),
                        ('candidate', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='invitation', to='hiring.candidate', verbose_name='candidate')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by')),
                        ('quiz', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='courses.quizpage', verbose_name='assessment')),
                    ],
                    options={
                        'db_table': 'courses_invitation',
                        'verbose_name': 'invitation',
                        'verbose_name_plural': 'invitations',
                    },
                ),
                migrations.CreateModel(
                    name='TokenRateLimit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=128)),
                        ('window_start', models.DateTimeField()),
                        ('count', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'courses_tokenratelimit',
                        'indexes': [models.Index(fields=['window_start'], name='courses_tok_window__20e4f3_idx')],
                        'constraints': [models.UniqueConstraint(fields=('key', 'window_start'), name='one_counter_per_window')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
