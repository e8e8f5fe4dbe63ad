from contract_guard.ui.my_case_page import page

page()
