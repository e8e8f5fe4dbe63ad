from contract_guard.ui.screen_page import page

page()
