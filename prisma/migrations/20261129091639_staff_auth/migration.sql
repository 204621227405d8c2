-- AlterTable
ALTER TABLE "StaffAccount" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil",
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recoveryCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureMs" BIGINT NOT NULL,
    "nextAllowedMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);
