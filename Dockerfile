# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    KES_VAR_DIR=/var/lib/kes
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libmagic1 libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 kes && mkdir -p /var/lib/kes && chown kes /var/lib/kes

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kes kes
COPY cases cases
COPY intake intake
COPY routing routing
COPY advisory advisory
RUN pip install .
COPY . .
RUN if [ -f package-lock.json ]; then npm ci --omit=dev && npm run --if-present build; fi \
    && python manage.py compilemessages --ignore '*node_modules*' -v0 \
    && DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput -v0

USER kes
EXPOSE 8000
CMD ["gunicorn", "kes.wsgi", "--bind", "0.0.0.0:8000"]
