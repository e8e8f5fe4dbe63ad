"""The Streamlit app's pages and session state (a thin layer over the library; run `streamlit run app.py`)."""
