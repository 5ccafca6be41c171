FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 CITEBOT_INDEX_DIR=/data/index \
    CITEBOT_COLLECTION_DIR=/data/collection CITEBOT_DATABASE=/data/citebot.sqlite
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY bot/ bot/
COPY index/ index/
# Dependencies exactly as locked, each checked against its SHA-256; then citebot itself, adding nothing.
RUN pip install --no-cache-dir --require-hashes -r requirements.lock && pip install --no-cache-dir --no-deps . \
    && useradd --create-home --uid 10001 citebot && mkdir -p /data && chown citebot /data
COPY config/ config/
COPY corpus/ corpus/
USER citebot
VOLUME ["/data"]
HEALTHCHECK --interval=60s --timeout=10s CMD citebot ask --json "/docs" > /dev/null || exit 1
CMD ["citebot", "serve"]
