from contract_guard.ui.library_page import page

page()
