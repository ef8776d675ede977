import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthBroadcasts, type UserRole } from '@llmgw/common';
import { RpcClient } from '@llmgw/common/bus';
import { Role, Team, User } from '@llmgw/common/entities';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { RefreshTokenService } from '../sessions/refresh-token.service';
import { PasswordHasher } from './password-hasher';
import { UsersException } from './users.exception';
import type { CreateUserBody, UpdateUserBody } from './users.schemas';
import { toUserView, type UserView } from './user.view';

const UNIQUE_VIOLATION = '23505';

/** Users: created and managed by admins; the first admin comes from the environment. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: RefreshTokenService,
    private readonly apiKeys: ApiKeysService,
    private readonly bus: RpcClient,
  ) {}

  /** With role and team (eager relations). */
  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .findOne({ where: { email: email.trim().toLowerCase() } });
  }

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC' } });
    return users.map(toUserView);
  }

  async create(body: CreateUserBody): Promise<UserView> {
    const passwordHash = await this.hasher.hash(body.password);
    const id = await this.dataSource.transaction(async (em) => {
      if (await em.exists(User, { where: { email: body.email } }))
        throw UsersException.emailTaken(body.email);
      const role = await this.role(em, body.role);
      const team = body.teamId ? await this.team(em, body.teamId) : null;
      const user = em.create(User, { email: body.email, passwordHash, role, team, active: true });
      try {
        await em.insert(User, user);
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
          throw UsersException.emailTaken(body.email);
        }
        throw error;
      }
      return user.id;
    });
    return toUserView(await this.require(id));
  }

  async update(id: string, body: UpdateUserBody): Promise<UserView> {
    const before = await this.require(id);
    const passwordHash =
      body.password !== undefined ? await this.hasher.hash(body.password) : undefined;

    await this.dataSource.transaction(async (em) => {
      // Serialise admin demotions so two admins cannot demote each other into having none.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('auth-service.admins'))`);
      const user = await em.findOne(User, { where: { id } });
      if (!user) throw UsersException.notFound(id);
      const losesAdmin =
        user.role.name === 'admin' &&
        user.active &&
        (body.role === 'user' || body.active === false);
      if (losesAdmin && (await this.countActiveAdmins(em)) <= 1) throw UsersException.lastAdmin();

      if (body.role !== undefined) user.role = await this.role(em, body.role);
      if (body.teamId !== undefined)
        user.team = body.teamId ? await this.team(em, body.teamId) : null;
      if (body.active !== undefined) user.active = body.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      await em.save(User, user);
    });

    const after = await this.require(id);
    const roleChanged = after.role.name !== before.role.name;
    const teamChanged = (after.team?.id ?? null) !== (before.team?.id ?? null);
    const deactivated = before.active && !after.active;

    if (passwordHash !== undefined || deactivated) await this.sessions.revokeAllForUser(id);
    if (roleChanged) {
      await this.broadcast(() =>
        this.bus.emit(AuthBroadcasts.userRoleChanged, { userId: id, role: after.role.name }),
      );
    }
    // Gateways cache a principal (role, team) per key; make them look the keys up again.
    if (roleChanged || teamChanged || deactivated) await this.apiKeys.evictFromGateways(id);
    return toUserView(after);
  }

  /** Deletes a user with their keys and sessions, and tells the gateways to drop them at once. */
  async remove(id: string, actorId: string): Promise<void> {
    if (id === actorId) throw UsersException.selfDelete();
    await this.require(id);
    const revoked = await this.apiKeys.revokeAllForUser(id);
    await this.dataSource.getRepository(User).delete({ id });
    for (const key of revoked) {
      await this.broadcast(() => this.bus.emit(AuthBroadcasts.keyRevoked, key));
    }
    await this.broadcast(() => this.bus.emit(AuthBroadcasts.userDeleted, { userId: id }));
  }

  /**
   * Creates the first admin when no user has this email. An existing user (even with another
   * password) is left alone; replicas booting together insert at most one row.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    const normalised = email.trim().toLowerCase();
    if (await this.findByEmail(normalised)) return 'exists';
    const passwordHash = await this.hasher.hash(password);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO users (email, password_hash, role_id)
       SELECT $1, $2, id FROM roles WHERE name = 'admin'
       ON CONFLICT (email) DO NOTHING
       RETURNING id`,
      [normalised, passwordHash],
    );
    return inserted.length > 0 ? 'created' : 'exists';
  }

  private async require(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw UsersException.notFound(id);
    return user;
  }

  private async role(em: EntityManager, name: UserRole): Promise<Role> {
    return em.findOneOrFail(Role, { where: { name } });
  }

  private async team(em: EntityManager, teamId: string): Promise<Team> {
    const team = await em.findOne(Team, { where: { id: teamId } });
    if (!team) throw UsersException.unknownTeam(teamId);
    return team;
  }

  private countActiveAdmins(em: EntityManager): Promise<number> {
    return em.count(User, { where: { active: true, role: { name: 'admin' } } });
  }

  /** Broadcasts are best effort: the change is already committed, and listeners re-check periodically. */
  private async broadcast(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      this.logger.warn(`Broadcast failed: ${(error as Error).message}`);
    }
  }
}
