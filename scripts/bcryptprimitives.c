/* A stand-in bcryptprimitives.dll for Wine 8 (Debian 12), which lacks the
 * DLL every Go program since Go 1.22 loads for ProcessPrng (real Windows 10
 * and 11 have it). Only scripts/test-windows.sh puts it into a Wine prefix;
 * it is never shipped. ProcessPrng fills the buffer from RtlGenRandom. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
