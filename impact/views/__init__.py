"""Views: charts, takeaways, numbers tables, forms, filter widgets and the Streamlit glue pages lay out."""
