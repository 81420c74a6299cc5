# eventbot: a small image that runs the bot as an unprivileged user.
#   docker build -t eventbot .
#   docker run -e TELEGRAM_BOT_TOKEN_FILE=/run/secrets/token -v eventbot-data:/data eventbot
# The knowledge base and the database live in /data (a volume); config in /data/config.yaml.
FROM python:3.11-slim AS build
# Build the wheel: the code, the sample KB and the demo tour, all under the import name eventbot.
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY eventbot ./eventbot
COPY knowledge ./knowledge
COPY demo ./demo
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
# Optional extras, comma-separated: docker build --build-arg EXTRAS=thai,semantic .
ARG EXTRAS=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
COPY --from=build /wheels /wheels
COPY constraints.txt deploy/config.docker.yaml /app/
RUN wheel="$(ls /wheels/*.whl)" \
    && pip install -c /app/constraints.txt "${wheel}${EXTRAS:+[$EXTRAS]}" && rm -rf /wheels \
    && useradd --system --create-home --home-dir /home/eventbot eventbot \
    && mkdir -p /data \
    && cp -r "$(python -c 'from eventbot.bot.kb.locate import SAMPLE_KB; print(SAMPLE_KB)')" \
        /data/knowledge \
    && cp /app/config.docker.yaml /data/config.yaml && chown -R eventbot /data

USER eventbot
WORKDIR /data
VOLUME ["/data"]
# Healthy while the knowledge base the bot serves (and /reload would read) is valid.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s \
    CMD ["eventbot", "check", "/data/knowledge"]
ENTRYPOINT ["eventbot"]
CMD ["run", "--config", "/data/config.yaml"]
