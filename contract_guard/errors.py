"""Errors a user can cause, each with a one-line message in English and Chinese.

The CLI and the app turn any `ContractGuardError` into its `message(lang)`;
nothing else about it (no traceback) reaches the user.
"""
from __future__ import annotations


class ContractGuardError(Exception):
    """Base class: an expected failure with a bilingual, user-facing message."""

    en: str = "The document could not be screened."
    zh: str = "无法筛查该文件。"

    def __init__(self, detail: str = "", **fmt: object) -> None:
        self.detail = detail
        self.fmt = fmt
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        text = (self.zh if lang == "zh" else self.en).format(**self.fmt)
        return f"{text} ({self.detail})" if self.detail else text


class UnsupportedFileType(ContractGuardError):
    en = "Unsupported file type '{suffix}': upload a PDF, DOCX, TXT, MD, PNG, JPG or HEIC file."
    zh = "不支持的文件类型“{suffix}”：请上传 PDF、DOCX、TXT、MD、PNG、JPG 或 HEIC 文件。"


class EmptyDocument(ContractGuardError):
    en = "The file is empty or contains no text."
    zh = "文件为空或不含任何文字。"


class UnreadableDocument(ContractGuardError):
    en = "The file is damaged or is not a valid {kind} file."
    zh = "文件已损坏，或不是有效的 {kind} 文件。"


class EncryptedDocument(ContractGuardError):
    en = "The PDF is password-protected: give the password, or upload an unprotected copy."
    zh = "该 PDF 受密码保护：请提供密码，或上传未加密的副本。"


class WrongPassword(ContractGuardError):
    en = "The password given does not open this PDF."
    zh = "所提供的密码无法打开该 PDF。"


class NoTextLayer(ContractGuardError):
    en = "No text layer: this looks like a scanned or image-only PDF, so OCR is needed."
    zh = "没有文字层：这似乎是扫描件或纯图片 PDF，需要 OCR 识别。"


class OcrFoundNoText(NoTextLayer):
    en = "OCR found no readable text in this scan or photo: try a sharper, well-lit photo of the whole page."
    zh = "OCR 未能从该扫描件或照片中识别出文字：请换一张更清晰、光线充足、拍全整页的照片。"


class OcrUnavailable(NoTextLayer):
    en = "This is a scan or photo and OCR is switched off or not installed, so its text cannot be read."
    zh = "这是扫描件或照片，但 OCR 已关闭或未安装，因此无法读取其中的文字。"


class TooLarge(ContractGuardError):
    en = "The file is too large ({size_mb:.1f} MB; the limit is {limit_mb:.0f} MB)."
    zh = "文件过大（{size_mb:.1f} MB，上限为 {limit_mb:.0f} MB）。"


class LibraryError(ContractGuardError):
    en = "The clause library is invalid: {problem}"
    zh = "条款库无效：{problem}"


class TooManyPages(ContractGuardError):
    en = "The PDF declares {pages:,} pages; files with more than {limit:,} pages are refused."
    zh = "该 PDF 声称有 {pages:,} 页；超过 {limit:,} 页的文件将被拒绝。"


class DecompressionBomb(ContractGuardError):
    en = ("The {kind} file unpacks to far more data than it holds (a \"zip bomb\" or decompression bomb), "
          "so it was refused.")
    zh = "该 {kind} 文件解压后的数据量远超文件本身（疑似“压缩炸弹”），已拒绝处理。"


class ImageTooLarge(ContractGuardError):
    en = "The image is too large ({megapixels:,.0f} megapixels; the limit is {limit:,.0f}): send a smaller photo."
    zh = "图片过大（{megapixels:,.0f} 百万像素，上限为 {limit:,.0f}）：请发送较小的照片。"


class ReadTimedOut(ContractGuardError):
    en = "Reading the file took longer than the {seconds:g} s safety limit, so it was stopped."
    zh = "读取该文件超过了 {seconds:g} 秒的安全时限，已停止。"


class ReaderCrashed(ContractGuardError):
    en = "The file could not be read safely: reading it exceeded the memory limit or failed, so it was stopped."
    zh = "无法安全读取该文件：读取时超出内存上限或失败，已停止。"


# --------------------------------------------------------------------------- the legal service desk
class DeskError(ContractGuardError):
    """A failure in the case store, the accounts or the lawyers' workspace."""

    en = "The request could not be completed."
    zh = "无法完成该请求。"


class ConsentRequired(DeskError):
    en = "Please agree that the contract and your answers are stored for the legal service team."
    zh = "请先同意为法律服务团队保存合同及你填写的信息。"


class InvalidCaseForm(DeskError):
    en = "Please fill in: {fields}."
    zh = "请填写：{fields}。"


class CaseNotFound(DeskError):
    en = "No case matches this link or token."
    zh = "没有与此链接或令牌对应的案件。"


class LoginRefused(DeskError):
    en = "The user name or password is wrong."
    zh = "用户名或密码错误。"


class TooManyAttempts(DeskError):
    en = "Too many failed logins: try again in {minutes} minutes."
    zh = "登录失败次数过多：请 {minutes} 分钟后再试。"


class NotAllowed(DeskError):
    en = "You are not allowed to do this."
    zh = "你无权执行此操作。"


class BadTransition(DeskError):
    en = "A case cannot go from “{old}” to “{new}”."
    zh = "案件状态不能从“{old}”变为“{new}”。"


class AccountExists(DeskError):
    en = "An account named “{username}” already exists."
    zh = "账户“{username}”已存在。"


class WeakPassword(DeskError):
    en = "The password must have at least {minimum} characters."
    zh = "密码至少需要 {minimum} 个字符。"


class AccountNotFound(DeskError):
    en = "There is no active account named “{username}”."
    zh = "没有名为“{username}”的有效账户。"


class EmptyAdvice(DeskError):
    en = "Write the advice before sending it."
    zh = "请先填写律师意见再发送。"
