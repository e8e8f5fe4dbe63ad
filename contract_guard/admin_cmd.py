"""`contract-guard admin …`: accounts of the legal service desk from the command line.

    contract-guard admin create-user alice --role admin      # asks for the password twice
    echo "$PW" | contract-guard admin create-user li --password-stdin
    contract-guard admin list-users
"""
from __future__ import annotations

import argparse
import getpass
import sys


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password / 密码: ")
    if getpass.getpass("Again / 再次输入: ") != first:
        raise SystemExit("error: the passwords differ / 两次输入的密码不一致")
    return first


def _create_user(args: argparse.Namespace) -> int:
    from .desk.service import open_desk

    desk = open_desk(notifier_interval=None)
    user = desk.accounts.create_user(args.username, _password(args), args.role, actor="cli")
    print(f"created {user.role} {user.username}")
    return 0


def _list_users(args: argparse.Namespace) -> int:
    from .desk.service import open_desk

    for user in open_desk(notifier_interval=None).repo.users():
        print(f"{user.username}\t{user.role}\t{'active' if user.active else 'disabled'}")
    return 0


def add_parser(sub) -> None:
    adm = sub.add_parser("admin", help="accounts of the legal service desk (lawyers and admins)")
    adm_sub = adm.add_subparsers(dest="admin_command", required=True)
    cu = adm_sub.add_parser("create-user", help="create a lawyer or admin account (the first admin, too)")
    cu.add_argument("username")
    cu.add_argument("--role", choices=("lawyer", "admin"), default="lawyer")
    cu.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    cu.set_defaults(func=_create_user)
    ls = adm_sub.add_parser("list-users", help="list the accounts")
    ls.set_defaults(func=_list_users)
