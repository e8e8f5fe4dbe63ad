"""contract-guard's web app: `streamlit run app.py`.

Screening runs offline on this machine; nothing uploaded is stored. The page
itself lives in `contract_guard/ui/` so that it can be tested and reused.
"""
from contract_guard.ui.screen_page import main

main()
