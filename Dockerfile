FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 CITEBOT_INDEX_DIR=/data/index \
    CITEBOT_COLLECTION_DIR=/data/collection CITEBOT_DATABASE=/data/citebot.sqlite
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY index/ index/
RUN pip install --no-cache-dir '.[postgres]' && useradd --create-home --uid 10001 citebot && mkdir -p /data && chown citebot /data
COPY config/ config/
COPY corpus/ corpus/
USER citebot
VOLUME ["/data"]
HEALTHCHECK --interval=60s --timeout=10s CMD citebot ask --json "/docs" > /dev/null || exit 1
CMD ["citebot", "serve"]
