from contract_guard.ui.batch_page import page

page()
