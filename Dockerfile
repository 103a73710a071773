# Production image: gunicorn serves the app, the same image runs the Celery worker and beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.prod

WORKDIR /app
RUN useradd --system --create-home --uid 1000 silta

COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .

COPY . .
# collectstatic only reads settings; these values exist just for the build step.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input \
    && mkdir -p /app/var/media \
    && chown -R silta /app

USER silta
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--access-logfile", "-"]
