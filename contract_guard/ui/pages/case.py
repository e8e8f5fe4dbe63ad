from contract_guard.ui.case_page import page

page()
