"""contract-guard's web app: `streamlit run app.py`.

Screening runs offline on this machine; nothing uploaded is stored unless the user sends a case
to the legal service team. The pages live in `contract_guard/ui/` so that they can be tested.
"""
from contract_guard.ui.app import main

main()
