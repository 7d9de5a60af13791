# newsdesk worker and poller image (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY newsdesk ./newsdesk
COPY streams ./streams
COPY feeds ./feeds
COPY schemas ./schemas
COPY seeds ./seeds
RUN pip install -e '.[fulltext]' && useradd --create-home --uid 10001 newsdesk && mkdir -p /data && chown newsdesk /data

USER newsdesk
ENV NEWSDESK_DATA_DIR=/data
ENTRYPOINT ["newsdesk"]
CMD ["worker"]
