"""zairyu's web application: a JSON API and server-rendered pages (Jinja2 + htmx) in ja/en/ru/uk."""
