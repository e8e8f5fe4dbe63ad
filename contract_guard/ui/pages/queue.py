from contract_guard.ui.lawyer_pages import queue_page

queue_page()
