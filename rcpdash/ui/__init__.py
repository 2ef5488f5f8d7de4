"""The Dash layer: layout, view renderers and callbacks. Only this package and app.py import dash."""
