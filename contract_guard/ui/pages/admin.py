from contract_guard.ui.admin_page import page

page()
