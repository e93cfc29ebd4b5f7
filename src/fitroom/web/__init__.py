"""The dashboard and live playground: server-rendered pages served by the API's own app (see `mount`)."""
