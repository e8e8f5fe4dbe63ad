from contract_guard.ui.lawyer_pages import login_page

login_page()
