# eventbot: a small image that runs the bot as an unprivileged user.
#   docker build -t eventbot .
#   docker run -e TELEGRAM_BOT_TOKEN_FILE=/run/secrets/token -v eventbot-data:/data eventbot
# The knowledge base and the database live in /data (a volume); config in /data/config.yaml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY demo ./demo
COPY deploy/config.docker.yaml /app/config.docker.yaml
RUN pip install -c constraints.txt . \
    && useradd --system --create-home --home-dir /home/eventbot eventbot \
    && mkdir -p /data && cp -r /app/knowledge /data/knowledge \
    && cp /app/config.docker.yaml /data/config.yaml && chown -R eventbot /data

USER eventbot
VOLUME ["/data"]
# Healthy while the knowledge base the bot serves (and /reload would read) is valid.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s \
    CMD ["eventbot", "check", "/data/knowledge"]
ENTRYPOINT ["eventbot"]
CMD ["run", "--config", "/data/config.yaml"]
